/*
 * test_typestate.c - the task handle typestate table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "typestate.h"

static void release_from_live_kinds(void **state)
{
	(void)state;
	tl_task_misuse m;
	assert_int_equal(tl_task_step(TL_TASK_JOINABLE, TL_EV_JOIN, &m), TL_TASK_JOINED);
	assert_int_equal(m, TL_MISUSE_NONE);
	assert_int_equal(tl_task_step(TL_TASK_JOINABLE, TL_EV_DETACH, &m), TL_TASK_DETACHED);
	assert_int_equal(m, TL_MISUSE_NONE);
	assert_int_equal(tl_task_step(TL_TASK_MAYBE_SPAWNED, TL_EV_JOIN, &m), TL_TASK_JOINED);
	assert_int_equal(m, TL_MISUSE_NONE);
}

static void second_release_is_misuse_and_keeps_kind(void **state)
{
	(void)state;
	tl_task_misuse m;
	assert_int_equal(tl_task_step(TL_TASK_JOINED, TL_EV_JOIN, &m), TL_TASK_JOINED);
	assert_int_equal(m, TL_MISUSE_JOIN_JOINED);
	assert_int_equal(tl_task_step(TL_TASK_DETACHED, TL_EV_JOIN, &m), TL_TASK_DETACHED);
	assert_int_equal(m, TL_MISUSE_JOIN_DETACHED);
	assert_int_equal(tl_task_step(TL_TASK_JOINED, TL_EV_DETACH, &m), TL_TASK_JOINED);
	assert_int_equal(m, TL_MISUSE_DETACH_JOINED);
	assert_int_equal(tl_task_step(TL_TASK_DETACHED, TL_EV_DETACH, &m), TL_TASK_DETACHED);
	assert_int_equal(m, TL_MISUSE_DETACH_DETACHED);
	assert_string_equal(tl_task_misuse_text(TL_MISUSE_JOIN_DETACHED), "joined after it was detached");
}

static void obligations(void **state)
{
	(void)state;
	/* TL101: only a task nobody joined or detached is owed a release. */
	assert_true(tl_task_owes_release(TL_TASK_JOINABLE));
	assert_true(tl_task_owes_release(TL_TASK_MAYBE_SPAWNED));
	assert_false(tl_task_owes_release(TL_TASK_JOINED));
	assert_false(tl_task_owes_release(TL_TASK_DETACHED));
	/* TL102: only a joined task is certainly done with the frame. */
	assert_true(tl_task_may_outlive_owner(TL_TASK_DETACHED));
	assert_true(tl_task_may_outlive_owner(TL_TASK_JOINABLE));
	assert_false(tl_task_may_outlive_owner(TL_TASK_JOINED));
	assert_string_equal(tl_task_kind_name(TL_TASK_DETACHED), "detached");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(release_from_live_kinds),
		cmocka_unit_test(second_release_is_misuse_and_keeps_kind),
		cmocka_unit_test(obligations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
