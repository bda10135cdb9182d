#include "ccurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libcurl's ABI, from curl/curl.h (stable since libcurl 7); the headers are not needed to build.
enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_WRITEFUNCTION = 20011,
    OPT_POSTFIELDS = 10015, OPT_LOW_SPEED_LIMIT = 19, OPT_LOW_SPEED_TIME = 20, OPT_HTTPHEADER = 10023,
    OPT_HEADERDATA = 10029, OPT_CUSTOMREQUEST = 10036, OPT_NOBODY = 44,
    OPT_HEADERFUNCTION = 20079, OPT_NOSIGNAL = 99, OPT_POSTFIELDSIZE_LARGE = 30120,
    OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156,
    INFO_RESPONSE_CODE = 0x200002, GLOBAL_ALL = 3, ERROR_SIZE = 256,
};

typedef void CURL;
struct slist;
typedef int (*global_init_fn)(long);
typedef CURL *(*easy_init_fn)(void);
typedef int (*easy_setopt_fn)(CURL *, int, ...);
typedef int (*easy_perform_fn)(CURL *);
typedef int (*easy_getinfo_fn)(CURL *, int, ...);
typedef void (*easy_cleanup_fn)(CURL *);
typedef struct slist *(*slist_append_fn)(struct slist *, const char *);
typedef void (*slist_free_all_fn)(struct slist *);
typedef const char *(*easy_strerror_fn)(int);

static struct {
    int loaded;
    char why[256];
    global_init_fn global_init;
    easy_init_fn easy_init;
    easy_setopt_fn easy_setopt;
    easy_perform_fn easy_perform;
    easy_getinfo_fn easy_getinfo;
    easy_cleanup_fn easy_cleanup;
    slist_append_fn slist_append;
    slist_free_all_fn slist_free_all;
    easy_strerror_fn easy_strerror;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    const char *names[] = {"libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4", "libcurl.4.dylib", "libcurl.dylib"};
    void *handle = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !handle; i++) handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *error = dlerror();
        snprintf(curl.why, sizeof curl.why, "libcurl is not installed (libcurl4 on Debian/Ubuntu): %s", error ? error : "not found");
        return;
    }
#define SYM(field, name) curl.field = (__typeof__(curl.field))dlsym(handle, name); \
    if (!curl.field) { snprintf(curl.why, sizeof curl.why, "libcurl lacks %s", name); return; }
    SYM(global_init, "curl_global_init")
    SYM(easy_init, "curl_easy_init")
    SYM(easy_setopt, "curl_easy_setopt")
    SYM(easy_perform, "curl_easy_perform")
    SYM(easy_getinfo, "curl_easy_getinfo")
    SYM(easy_cleanup, "curl_easy_cleanup")
    SYM(slist_append, "curl_slist_append")
    SYM(slist_free_all, "curl_slist_free_all")
    SYM(easy_strerror, "curl_easy_strerror")
#undef SYM
    if (curl.global_init(GLOBAL_ALL) != 0) {
        snprintf(curl.why, sizeof curl.why, "curl_global_init failed");
        return;
    }
    curl.loaded = 1;
}

int ccurl_available(char *why, size_t why_size) {
    pthread_once(&load_once, load);
    if (!curl.loaded && why && why_size) snprintf(why, why_size, "%s", curl.why);
    return curl.loaded;
}

typedef struct {
    unsigned char *data;
    size_t length;
    size_t capacity;
    int failed;
    size_t cap;      // most bytes kept, 0 for no cap
    int over_cap;
} buffer;

static void append(buffer *b, const void *bytes, size_t count) {
    if (b->failed) return;
    if (b->cap && b->length + count > b->cap) { b->failed = 1; b->over_cap = 1; return; }
    if (b->length + count + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 1024;
        while (capacity < b->length + count + 1) capacity *= 2;
        unsigned char *grown = realloc(b->data, capacity);
        if (!grown) { b->failed = 1; return; }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, count);
    b->length += count;
    b->data[b->length] = 0;
}

static size_t on_body(char *bytes, size_t size, size_t count, void *context) {
    append((buffer *)context, bytes, size * count);
    return ((buffer *)context)->failed ? 0 : size * count;
}

// Header lines of every response arrive here; a new status line (after "100 Continue" or a
// redirect) starts the list again, so only the final response's headers are kept.
static size_t on_header(char *bytes, size_t size, size_t count, void *context) {
    buffer *b = (buffer *)context;
    size_t n = size * count;
    if (n >= 5 && memcmp(bytes, "HTTP/", 5) == 0) b->length = 0;
    append(b, bytes, n);
    return b->failed ? 0 : n;
}

int ccurl_perform(const char *method, const char *url, const char *const *headers, size_t header_count,
                  const unsigned char *body, size_t body_length, const ccurl_limits *limits, ccurl_response *out) {
    memset(out, 0, sizeof *out);
    if (!ccurl_available(out->error, sizeof out->error)) return 0;
    CURL *easy = curl.easy_init();
    if (!easy) { snprintf(out->error, sizeof out->error, "curl_easy_init failed"); return 0; }
    char error_buffer[ERROR_SIZE] = {0};
    buffer response_body = {0}, response_headers = {0};
    response_body.cap = limits->max_body_bytes;
    response_headers.cap = 1 << 20;  // no honest server sends a megabyte of headers
    struct slist *list = NULL;
    for (size_t i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    // No "Expect: 100-continue" round trip before bodies.
    list = curl.slist_append(list, "Expect:");

    curl.easy_setopt(easy, OPT_URL, url);
    curl.easy_setopt(easy, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, OPT_ERRORBUFFER, error_buffer);
    curl.easy_setopt(easy, OPT_HTTPHEADER, list);
    curl.easy_setopt(easy, OPT_WRITEFUNCTION, on_body);
    curl.easy_setopt(easy, OPT_WRITEDATA, &response_body);
    curl.easy_setopt(easy, OPT_HEADERFUNCTION, on_header);
    curl.easy_setopt(easy, OPT_HEADERDATA, &response_headers);
    // A connect limit, an idle limit (fewer than min_bytes_per_second for idle_seconds aborts, so a
    // silent server fails) and a limit on the whole exchange (so a trickling one fails too).
    curl.easy_setopt(easy, OPT_CONNECTTIMEOUT_MS, limits->connect_timeout_ms);
    curl.easy_setopt(easy, OPT_LOW_SPEED_LIMIT, limits->min_bytes_per_second);
    curl.easy_setopt(easy, OPT_LOW_SPEED_TIME, limits->idle_seconds);
    if (limits->total_timeout_ms > 0) curl.easy_setopt(easy, OPT_TIMEOUT_MS, limits->total_timeout_ms);
    if (strcmp(method, "HEAD") == 0) {
        curl.easy_setopt(easy, OPT_NOBODY, 1L);
    } else if (body) {
        curl.easy_setopt(easy, OPT_POSTFIELDS, (const char *)body);
        curl.easy_setopt(easy, OPT_POSTFIELDSIZE_LARGE, (long long)body_length);
        curl.easy_setopt(easy, OPT_CUSTOMREQUEST, method);
    } else if (strcmp(method, "GET") != 0) {
        curl.easy_setopt(easy, OPT_CUSTOMREQUEST, method);
    }

    int code = curl.easy_perform(easy);
    int ok = code == 0 && !response_body.failed && !response_headers.failed;
    if (ok) {
        curl.easy_getinfo(easy, INFO_RESPONSE_CODE, &out->status);
        out->headers = (char *)response_headers.data;
        out->headers_length = response_headers.length;
        out->body = response_body.data;
        out->body_length = response_body.length;
    } else if (response_body.over_cap || response_headers.over_cap) {
        out->curl_code = code;
        out->body_too_large = 1;
        snprintf(out->error, sizeof out->error, "the response is larger than %zu bytes", response_body.over_cap ? limits->max_body_bytes : (size_t)(1 << 20));
        free(response_body.data);
        free(response_headers.data);
    } else {
        out->curl_code = code;
        snprintf(out->error, sizeof out->error, "%s", code != 0 ? (error_buffer[0] ? error_buffer : curl.easy_strerror(code))
                                                               : "out of memory reading the response");
        free(response_body.data);
        free(response_headers.data);
    }
    curl.slist_free_all(list);
    curl.easy_cleanup(easy);
    return ok;
}

void ccurl_response_free(ccurl_response *response) {
    free(response->headers);
    free(response->body);
    response->headers = NULL;
    response->body = NULL;
}
