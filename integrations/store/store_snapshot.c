/* store_snapshot.c - a read transaction, and which findings have triage
 * events (store_snapshot.h). */
#include "store_snapshot.h"
#include "store_int.h"
#include "../common/tl_error.h"

int tl_store_snapshot_begin(struct tl_store *s, char **err)
{
	return tl_db_begin_read(s, err);
}

void tl_store_snapshot_end(struct tl_store *s)
{
	if (tl_db_in_tx(s))
		tl_db_exec_quiet(s, "COMMIT");
}

int tl_store_triaged(struct tl_store *s, void (*fn)(void *arg, const char *fingerprint),
		     void *arg, char **err)
{
	struct tl_stmt *st;
	int rc = tl_db_prepare(s, "SELECT fingerprint FROM findings WHERE id IN "
			       "(SELECT DISTINCT finding_id FROM triage_events)", &st, err);
	if (rc)
		return rc;
	while ((rc = tl_step(st)) == TL_STEP_ROW)
		fn(arg, tl_col_text(st, 0));
	tl_finalize(st);
	return rc == TL_STEP_DONE ? TL_OK : tl_db_fail(s, "cannot read triage events", err);
}
