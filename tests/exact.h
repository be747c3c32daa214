/*
 * The test programs and fuzz targets hand a parser its bytes in a heap
 * block of exactly their length, nothing after them (no NUL either), so
 * that AddressSanitizer sees any read past the end.
 */
#ifndef EXACT_H
#define EXACT_H

#include <stdlib.h>
#include <string.h>

/* A copy of len bytes of src, for free(); never NULL. */
static inline void *
exact(const void *src, size_t len)
{
	void *p;

	if ((p = malloc(len > 0 ? len : 1)) == NULL)
		abort();
	if (len > 0)
		memcpy(p, src, len);
	return (p);
}

/*
 * The same, freed by the next call: for a parser that is handed it at
 * once and whose answer does not point into it after that call.
 */
static inline void *
exact_tmp(const void *src, size_t len)
{
	static void *last;

	free(last);
	return (last = exact(src, len));
}

#endif /* EXACT_H */
