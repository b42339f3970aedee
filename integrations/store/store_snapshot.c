/* store_snapshot.c - a read transaction (store_snapshot.h). */
#include "store_snapshot.h"
#include "store_int.h"

int tl_store_snapshot_begin(struct tl_store *s, char **err)
{
	return tl_db_exec(s, "BEGIN", err);
}

void tl_store_snapshot_end(struct tl_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}
