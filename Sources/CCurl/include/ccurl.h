#ifndef CCURL_H
#define CCURL_H

#include <stddef.h>

// HTTP requests through the system libcurl, opened with dlopen on first use: cfnkit only needs
// libcurl when it uploads to S3, and linking it (with its dozens of dependent libraries) would add
// milliseconds to the start of every command, lint included. The functions below have fixed
// arguments, so Swift can call them (curl_easy_setopt itself is variadic).

typedef struct {
    long status;          // HTTP status, 0 when the request failed
    char *headers;        // raw response header lines of the final response, NUL-terminated
    size_t headers_length;
    unsigned char *body;  // response body
    size_t body_length;
    char error[512];      // why the request failed (empty on success)
} ccurl_response;

// 1 when libcurl could be opened; otherwise 0 with the reason in `why`.
int ccurl_available(char *why, size_t why_size);

// Performs one request. `headers` are "Name: value" lines. `body` may be NULL (no body); a non-NULL
// body of length 0 sends "Content-Length: 0". Returns 1 when a response arrived (any status), 0 on
// a transport failure (out->error says why). Free with ccurl_response_free either way.
int ccurl_perform(const char *method, const char *url, const char *const *headers, size_t header_count,
                  const unsigned char *body, size_t body_length, long timeout_seconds, ccurl_response *out);

void ccurl_response_free(ccurl_response *response);

#endif
