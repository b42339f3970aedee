/*
 * schema.c - the database schema, as the list of migrations that build it.
 *
 * Never edit a released migration: add one. Migration n moves
 * PRAGMA user_version from n-1 to n; store.c applies the missing ones in
 * one transaction when a database is opened. docs/cli.md documents the
 * result for people who query it with sqlite3.
 */
#include "store_int.h"

const char *const tl_migrations[] = {
	/* 1: tables */
	"CREATE TABLE runs(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  started_at TEXT NOT NULL,\n"          /* UTC, ISO 8601 */
	"  finished_at TEXT,\n"                  /* NULL while being written */
	"  root TEXT NOT NULL,\n"                /* paths are relative to it */
	"  tool TEXT,\n"
	"  source TEXT NOT NULL,\n"              /* scan or import */
	"  command TEXT,\n"
	"  n_new INTEGER NOT NULL DEFAULT 0,\n"
	"  n_unchanged INTEGER NOT NULL DEFAULT 0,\n"
	"  n_reopened INTEGER NOT NULL DEFAULT 0,\n"
	"  n_resolved INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE files(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL UNIQUE);\n"
	"CREATE TABLE findings(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  fingerprint TEXT NOT NULL UNIQUE,\n"
	"  rule TEXT NOT NULL,\n"
	"  checker TEXT NOT NULL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files(id),\n"
	"  function TEXT,\n"
	"  first_run INTEGER NOT NULL REFERENCES runs(id),\n"
	"  last_run INTEGER NOT NULL REFERENCES runs(id),\n"   /* last run that saw it */
	/* CHECKs are spelled with OR: an IN list costs an ephemeral table per row */
	"  detection TEXT NOT NULL CHECK (detection = 'new' OR detection = 'unchanged'\n"
	"    OR detection = 'reopened' OR detection = 'resolved'),\n"
	"  triage TEXT NOT NULL DEFAULT 'unreviewed' CHECK (triage = 'unreviewed'\n"
	"    OR triage = 'confirmed' OR triage = 'false-positive' OR triage = 'intentional'\n"
	"    OR triage = 'wont-fix'),\n"
	"  triage_note TEXT,\n"
	"  triage_in_source INTEGER NOT NULL DEFAULT 0);\n"    /* set by taskleak-ignore */
	"CREATE TABLE occurrences(\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id),\n"
	"  status TEXT NOT NULL CHECK (status = 'new' OR status = 'unchanged'\n"
	"    OR status = 'reopened' OR status = 'resolved'),\n"
	"  line INTEGER,\n"                      /* NULL when resolved */
	"  col INTEGER,\n"
	"  message TEXT,\n"
	"  issue_hash TEXT,\n"                   /* clang's, when given */
	"  path TEXT,\n"                         /* JSON [{file,line,col,depth,message}] */
	"  reports INTEGER NOT NULL DEFAULT 1,\n" /* how many reports (TUs) carried it */
	"  PRIMARY KEY (run_id, finding_id)) WITHOUT ROWID;\n"
	"CREATE TABLE triage_events(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  finding_id INTEGER NOT NULL REFERENCES findings(id),\n"
	"  at TEXT NOT NULL,\n"
	"  by TEXT NOT NULL,\n"
	"  from_status TEXT NOT NULL,\n"
	"  to_status TEXT NOT NULL,\n"
	"  note TEXT,\n"
	"  run_id INTEGER REFERENCES runs(id));\n" /* set for in-source changes */
	"CREATE INDEX occurrences_by_status ON occurrences(run_id, status);\n"
	"CREATE INDEX occurrences_by_finding ON occurrences(finding_id);\n"
	"CREATE INDEX findings_by_detection ON findings(detection);\n"
	"CREATE INDEX triage_events_by_finding ON triage_events(finding_id);\n",

	/* 2: views for the questions people ask */
	"CREATE VIEW finding_details AS\n"
	"  SELECT f.id, substr(f.fingerprint, 1, 10) AS short_id, f.fingerprint, f.rule,\n"
	"         f.checker, fi.path AS file, o.line, o.col, f.function, o.message,\n"
	"         f.detection, f.triage, f.triage_note, f.first_run, f.last_run\n"
	"  FROM findings f JOIN files fi ON fi.id = f.file_id\n"
	"  JOIN occurrences o ON o.run_id = f.last_run AND o.finding_id = f.id;\n"
	"CREATE VIEW open_findings AS\n"
	"  SELECT * FROM finding_details WHERE detection <> 'resolved'\n"
	"  AND triage NOT IN ('false-positive','intentional','wont-fix');\n"
	"CREATE VIEW new_in_last_run AS\n"
	"  SELECT * FROM finding_details WHERE detection IN ('new','reopened')\n"
	"  AND last_run = (SELECT max(id) FROM runs WHERE finished_at IS NOT NULL);\n"
	"CREATE VIEW resolved_findings AS\n"
	"  SELECT * FROM finding_details WHERE detection = 'resolved';\n"
	"CREATE VIEW findings_by_rule AS\n"
	"  SELECT rule, count(*) AS total,\n"
	"         sum(detection <> 'resolved' AND triage NOT IN ('false-positive','intentional','wont-fix')) AS open,\n"
	"         sum(detection = 'resolved') AS resolved,\n"
	"         sum(triage IN ('false-positive','intentional','wont-fix')) AS suppressed\n"
	"  FROM findings GROUP BY rule;\n"
	"CREATE VIEW findings_by_file AS\n"
	"  SELECT fi.path AS file, count(*) AS total,\n"
	"         sum(f.detection <> 'resolved' AND f.triage NOT IN ('false-positive','intentional','wont-fix')) AS open\n"
	"  FROM findings f JOIN files fi ON fi.id = f.file_id GROUP BY fi.path;\n",

	/* 3: `list --file GLOB` and `--rule ID` on large databases: find the
	 * files by path (the unique index serves a GLOB prefix), then their
	 * findings, instead of scanning every finding */
	"CREATE INDEX findings_file_id ON findings(file_id);\n"
	"CREATE INDEX findings_rule ON findings(rule);\n",

	/* 4: run-time confirmation (`import --runtime`, runtime/README.md). A
	 * static finding whose spawn site a run-time report showed leaking is
	 * confirmed: runtime_tasks counts the leaked tasks of the latest
	 * run-time import that saw it (0: never confirmed). Each leak site of
	 * each run-time import is a runtime_leaks row, tied to the finding it
	 * confirmed or to the TL101R finding it became. */
	"ALTER TABLE findings ADD COLUMN runtime_tasks INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE findings ADD COLUMN runtime_run INTEGER REFERENCES runs(id);\n"
	"CREATE TABLE runtime_leaks(\n"
	"  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
	"  file TEXT NOT NULL,\n"                 /* as the program's DWARF spelled it */
	"  line INTEGER NOT NULL,\n"
	"  function TEXT,\n"                      /* the function making the spawn call */
	"  entry TEXT,\n"                         /* the task's entry function */
	"  api TEXT,\n"                           /* pthread, c11 or gthread */
	"  program TEXT,\n"
	"  running INTEGER NOT NULL,\n"           /* tasks still running, never joined */
	"  finished INTEGER NOT NULL,\n"          /* tasks finished, never joined */
	"  finding_id INTEGER NOT NULL REFERENCES findings(id),\n"
	"  confirmed INTEGER NOT NULL);\n"        /* 1: a static finding; 0: its TL101R */
	"CREATE INDEX runtime_leaks_by_finding ON runtime_leaks(finding_id);\n",

	/* 5: sharded scans (`scan --shard I/N`, `merge`). A shard run is a
	 * partial run: shard_index of shard_count, units_analyzed of
	 * units_total units; units_hash (SHA-256 of the sorted root-relative
	 * unit paths) tells whether shards come from the same compilation
	 * database. A merged run has units_total and units_hash and no shard. */
	"ALTER TABLE runs ADD COLUMN shard_index INTEGER;\n"
	"ALTER TABLE runs ADD COLUMN shard_count INTEGER;\n"
	"ALTER TABLE runs ADD COLUMN units_total INTEGER;\n"
	"ALTER TABLE runs ADD COLUMN units_analyzed INTEGER;\n"
	"ALTER TABLE runs ADD COLUMN units_hash TEXT;\n",
};

const int tl_migration_count = (int)(sizeof(tl_migrations) / sizeof(tl_migrations[0]));
