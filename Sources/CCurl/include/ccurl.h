#ifndef CCURL_H
#define CCURL_H

#include <stddef.h>

// HTTP requests through the system libcurl, opened with dlopen on first use: cfnkit only needs
// libcurl when it talks to AWS, and linking it (with its dozens of dependent libraries) would add
// milliseconds to the start of every command, lint included. The same transport serves S3 and the
// CloudFormation API (CFNAWS). The functions below have fixed
// arguments, so Swift can call them (curl_easy_setopt itself is variadic).

typedef struct {
    long status;          // HTTP status, 0 when the request failed
    char *headers;        // raw response header lines of the final response, NUL-terminated
    size_t headers_length;
    unsigned char *body;  // response body
    size_t body_length;
    char error[512];      // why the request failed (empty on success)
    int curl_code;        // libcurl's CURLcode of a failed request (6 resolve, 7 connect, 28 timeout, ...)
    int body_too_large;   // 1 when the body passed limits.max_body_bytes and the request was stopped
} ccurl_response;

// Bounds of one request, so a server that never answers or trickles bytes fails in bounded time.
typedef struct {
    long connect_timeout_ms;  // TCP + TLS connect
    long idle_seconds;        // abort when fewer than min_bytes_per_second flow for this long
    long min_bytes_per_second;
    long total_timeout_ms;    // the whole exchange, 0 for none
    size_t max_body_bytes;    // largest response body kept, 0 for no cap
} ccurl_limits;

// 1 when libcurl could be opened; otherwise 0 with the reason in `why`.
int ccurl_available(char *why, size_t why_size);

// Performs one request. `headers` are "Name: value" lines. `body` may be NULL (no body); a non-NULL
// body of length 0 sends "Content-Length: 0". Returns 1 when a response arrived (any status), 0 on
// a transport failure (out->error says why). Free with ccurl_response_free either way.
int ccurl_perform(const char *method, const char *url, const char *const *headers, size_t header_count,
                  const unsigned char *body, size_t body_length, const ccurl_limits *limits, ccurl_response *out);

void ccurl_response_free(ccurl_response *response);

#endif
