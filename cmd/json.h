/* json.h -- a small streaming JSON writer for --format json output.
 *
 * Output is indented two spaces per level, keys in the order written, so
 * the same data always gives the same bytes. Strings are escaped per
 * RFC 8259 (control characters as \uXXXX; UTF-8 passed through).
 *
 * Ours rather than jansson's or json-c's: both build a tree in memory
 * first (an allocation per value, each a new out-of-memory path), where
 * this writes straight to the stream; both print a whole-number double as
 * "12.0" where scripts get "12", and write \b, \f and DEL differently, so
 * keeping today's bytes would need this file's number and string rules
 * around them anyway; json-c also pads empty arrays and prints doubles to
 * 17 digits. We only write JSON, never parse it. */
#ifndef IOP_JSON_H
#define IOP_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *out;
	int depth;
	bool first[JSON_MAX_DEPTH]; /* no element yet at this level */
	bool after_key;             /* a key was written; its value comes next */
};

void json_init(struct json *j, FILE *out);

void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);

/* Inside an object: the key of the next value. */
void json_key(struct json *j, const char *key);

void json_string(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, long long v);
void json_number(struct json *j, double v);     /* not finite writes null */
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* Ends the document with a newline. */
void json_finish(struct json *j);

/* Shorthands: key then value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, long long v);
void json_kv_number(struct json *j, const char *key, double v);
void json_kv_bool(struct json *j, const char *key, bool v);

#endif
