/* test_call_dies.c - a call on a branch that ends the process is decided
 * with the models (infer/call_dies.c): an ender of its block ends the
 * process when, and only when, its row has role process_exit; a
 * noreturn prototype (tl_call_fact.dies) decides without the models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "infer/call_dies.h"

/* A model set from one file's text (built-in models not included). */
static tl_model_set *models_of(const char *json)
{
	char *err = NULL;
	tl_model_set *set = tl_models_new();
	assert_non_null(set);
	if (tl_models_load_buffer(set, "m.json", json, strlen(json), &err))
		fail_msg("models do not load: %s", err);
	return set;
}

/* free(b) inside `{ free(b); log_it(); die("x"); }`. */
static struct tl_call_fact free_before(const char *ender)
{
	struct tl_call_fact c = { 0 };
	c.callee = strdup("free");
	tl_call_add_ender(&c, "free");
	tl_call_add_ender(&c, "log_it");
	if (ender)
		tl_call_add_ender(&c, ender);
	return c;
}

static void clear(struct tl_call_fact *c)
{
	free(c->callee);
	for (size_t i = 0; i < c->nenders; i++)
		free(c->enders[i]);
	free(c->enders);
}

static void process_exit_row_ends_the_block(void **state)
{
	(void)state;
	tl_model_set *with = models_of("{\"library\": \"p\", \"functions\": ["
				       "{\"name\": \"die\", \"role\": \"process_exit\"},"
				       "{\"name\": \"free\", \"role\": \"free\", \"object\": 0}]}");
	tl_model_set *without = models_of("{\"library\": \"p\", \"functions\": ["
					  "{\"name\": \"free\", \"role\": \"free\", \"object\": 0}]}");
	struct tl_call_fact c = free_before("die");
	assert_true(tl_call_dies(&c, with));
	assert_false(tl_call_dies(&c, without));
	clear(&c);
	/* no ender recorded: nothing to decide with */
	c = free_before(NULL);
	assert_false(tl_call_dies(&c, with));
	clear(&c);
	tl_models_free(with);
	tl_models_free(without);
}

static void other_roles_do_not_end_it(void **state)
{
	(void)state;
	/* pthread_exit ends the task, not the process */
	tl_model_set *set = models_of("{\"library\": \"p\", \"functions\": ["
				      "{\"name\": \"pthread_exit\", \"role\": \"exit\"},"
				      "{\"name\": \"free\", \"role\": \"free\", \"object\": 0}]}");
	struct tl_call_fact c = free_before("pthread_exit");
	assert_false(tl_call_dies(&c, set));
	clear(&c);
	tl_models_free(set);
}

static void noreturn_prototype_needs_no_row(void **state)
{
	(void)state;
	tl_model_set *set = models_of("{\"library\": \"p\", \"functions\": []}");
	struct tl_call_fact c = free_before(NULL);
	c.dies = true;
	assert_true(tl_call_dies(&c, set));
	clear(&c);
	tl_models_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(process_exit_row_ends_the_block),
		cmocka_unit_test(other_roles_do_not_end_it),
		cmocka_unit_test(noreturn_prototype_needs_no_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
