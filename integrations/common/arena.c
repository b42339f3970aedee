/* arena.c - see arena.h. */
#include "arena.h"
#include "strbuf.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>

#define CHUNK (4u << 20)

struct chunk {
	struct chunk *next; /* older chunks */
	size_t used, size;  /* bytes handed out, bytes in data */
	max_align_t data[]; /* the memory */
};

static struct chunk *head;  /* chunks in use, newest first */
static struct chunk *spare; /* standard chunks kept for the next file */

static void *arena_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!head || head->size - head->used < n) {
		size_t size = n > CHUNK ? n : CHUNK;
		struct chunk *c;
		if (size == CHUNK && spare) { /* already faulted in: reuse */
			c = spare;
			spare = spare->next;
		} else {
			c = xmalloc(sizeof(*c) + size);
		}
		c->used = 0;
		c->size = size;
		c->next = head;
		head = c;
	}
	void *p = (char *)head->data + head->used;
	head->used += n;
	return p;
}

static void arena_free(void *p)
{
	(void)p; /* released all at once by tl_arena_end() */
}

void tl_arena_begin(void)
{
	cJSON_Hooks hooks = { arena_alloc, arena_free };
	cJSON_InitHooks(&hooks);
}

void tl_arena_end(void)
{
	cJSON_InitHooks(NULL);
	while (head) {
		struct chunk *next = head->next;
		if (head->size == CHUNK) {
			head->next = spare;
			spare = head;
		} else {
			free(head);
		}
		head = next;
	}
}

void tl_arena_release(void)
{
	while (spare) {
		struct chunk *next = spare->next;
		free(spare);
		spare = next;
	}
}
