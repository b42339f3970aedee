/*
 * dialect.c - SQLite's spelling to PostgreSQL's (dialect.h). A scanner
 * over the statement: quoted text is copied as is, ?N becomes $N, and at
 * each other position the first matching rewrite applies.
 */
#include "dialect.h"
#include "../common/strbuf.h"

#include <ctype.h>
#include <string.h>

struct rewrite {
	const char *from, *to;
	int ddl;  /* only in migrations */
	int word; /* from must not be followed by a letter, digit or _ */
};

static const struct rewrite rewrites[] = {
	{ "strftime('%Y-%m-%dT%H:%M:%SZ','now')",
	  "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", 0, 0 },
	{ "hex(randomblob(8))", "md5(random()::text)", 0, 0 },
	{ "min(CAST(", "LEAST(CAST(", 0, 0 },
	{ "max(CAST(", "GREATEST(CAST(", 0, 0 },
	{ "CROSS JOIN", "JOIN", 0, 1 },
	{ " GLOB ", " ~ ", 0, 0 },
	{ " NOT INDEXED", "", 0, 1 },
	{ "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY", 1, 1 },
	{ "INTEGER", "BIGINT", 1, 1 },
	{ " TEXT", " TEXT COLLATE \"C\"", 1, 1 },
	{ ") WITHOUT ROWID", ")", 1, 1 },
};

/* Tables whose new row's id the store reads back (tl_db_last_id). */
static const char *const id_tables[] = { "runs", "files", "findings", "triage_events" };

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Length of the quoted text at p (quote included), to its closing quote. */
static size_t quoted_len(const char *p)
{
	const char *q = strchr(p + 1, *p);
	return q ? (size_t)(q - p) + 1 : strlen(p);
}

/* Index of the ')' closing the '(' before p, or strlen when unbalanced. */
static size_t closing_paren(const char *p)
{
	size_t i = 0;
	for (int depth = 1; p[i]; i++) {
		if (p[i] == '\'' || p[i] == '"')
			i += quoted_len(p + i) - 1;
		else if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i;
	}
	return i;
}

static void translate(struct strbuf *out, const char *sql, size_t len, int flags);

/* SQLite sums a condition as 0 or 1; PostgreSQL sums integers only. */
static size_t sum_condition(struct strbuf *out, const char *p, size_t left, int flags)
{
	size_t inner = closing_paren(p + 4);
	if (inner >= left - 4)
		return 0;
	sb_adds(out, "sum(CASE WHEN ");
	translate(out, p + 4, inner, flags);
	sb_adds(out, " THEN 1 ELSE 0 END)");
	return 4 + inner + 1;
}

/* Applies the first rewrite matching at p; its length in sql, or 0. */
static size_t rewrite_at(struct strbuf *out, const char *sql, const char *p, size_t left,
			 int flags)
{
	if ((flags & TL_SQL_DDL) && !strncmp(p, "sum(", 4) && (p == sql || !ident_char(p[-1])))
		return sum_condition(out, p, left, flags);
	for (size_t i = 0; i < sizeof(rewrites) / sizeof(rewrites[0]); i++) {
		const struct rewrite *r = &rewrites[i];
		size_t n = strlen(r->from);
		if ((r->ddl && !(flags & TL_SQL_DDL)) || n > left || strncmp(p, r->from, n))
			continue;
		if (r->word && ((ident_char(r->from[0]) && p > sql && ident_char(p[-1])) ||
				(n < left && ident_char(p[n]))))
			continue;
		sb_adds(out, r->to);
		return n;
	}
	return 0;
}

static void translate(struct strbuf *out, const char *sql, size_t len, int flags)
{
	for (size_t i = 0; i < len;) {
		const char *p = sql + i;
		size_t n = rewrite_at(out, sql, p, len - i, flags);
		if (n) {
			i += n;
		} else if (*p == '\'' || *p == '"') {
			n = quoted_len(p);
			n = n > len - i ? len - i : n;
			sb_add(out, p, n);
			i += n;
		} else if (*p == '?' && i + 1 < len && isdigit((unsigned char)p[1])) {
			sb_addc(out, '$');
			i++;
		} else {
			sb_addc(out, *p);
			i++;
		}
	}
}

/* The table an INSERT writes to, when it is one of id_tables. */
static int inserts_id_table(const char *sql)
{
	static const char ins[] = "INSERT INTO ";
	if (strncmp(sql, ins, sizeof(ins) - 1) || strstr(sql, "RETURNING"))
		return 0;
	const char *t = sql + sizeof(ins) - 1;
	for (size_t i = 0; i < sizeof(id_tables) / sizeof(id_tables[0]); i++) {
		size_t n = strlen(id_tables[i]);
		if (!strncmp(t, id_tables[i], n) && (t[n] == '(' || t[n] == ' '))
			return 1;
	}
	return 0;
}

char *tl_sql_to_pg(const char *sql, int flags, int *returning_id)
{
	static const char ignore[] = "INSERT OR IGNORE INTO ";
	struct strbuf out;
	int or_ignore = !strncmp(sql, ignore, sizeof(ignore) - 1);
	sb_init(&out);
	if (or_ignore) {
		sb_adds(&out, "INSERT INTO ");
		sql += sizeof(ignore) - 1;
	}
	translate(&out, sql, strlen(sql), flags);
	while (out.len && (out.buf[out.len - 1] == ';' || isspace((unsigned char)out.buf[out.len - 1])))
		out.buf[--out.len] = '\0';
	if (or_ignore)
		sb_adds(&out, " ON CONFLICT DO NOTHING");
	int want_id = !(flags & TL_SQL_DDL) && inserts_id_table(out.buf);
	if (want_id)
		sb_adds(&out, " RETURNING id");
	if (returning_id)
		*returning_id = want_id;
	return sb_detach(&out);
}

/* A bracket expression from p ('[' included) as a regex one; its length
 * in the glob, or 0 when it does not close. */
static size_t glob_class(struct strbuf *re, const char *p)
{
	size_t i = 1;
	if (p[i] == '^') /* SQLite negates with ^ only ([!x] is '!' or 'x') */
		i++;
	if (p[i] == ']')
		i++;
	while (p[i] && p[i] != ']')
		i++;
	if (!p[i])
		return 0;
	sb_addc(re, '[');
	size_t j = 1;
	if (p[j] == '^') {
		sb_addc(re, '^');
		j++;
	}
	for (; j < i; j++) {
		if (p[j] == '\\')
			sb_addc(re, '\\'); /* a backslash is literal in a glob class */
		sb_addc(re, p[j]);
	}
	sb_addc(re, ']');
	return i + 1;
}

char *tl_glob_to_regex(const char *glob)
{
	struct strbuf re;
	sb_init(&re);
	sb_addc(&re, '^');
	for (const char *p = glob; *p;) {
		size_t n;
		if (*p == '*') {
			sb_adds(&re, ".*");
		} else if (*p == '?') {
			sb_addc(&re, '.');
		} else if (*p == '[' && (n = glob_class(&re, p))) {
			p += n;
			continue;
		} else if (*p == '[') { /* SQLite: an open class matches nothing */
			sb_release(&re);
			return xstrdup("^$.");
		} else {
			if (strchr(".^$+()[]{}|\\*?", *p))
				sb_addc(&re, '\\');
			sb_addc(&re, *p);
		}
		p++;
	}
	sb_addc(&re, '$');
	return sb_detach(&re);
}
