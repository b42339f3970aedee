/*
 * html_page.c - the frame of every report page: one stylesheet beside the
 * index (a relative link: 100,000 pages need not carry it each) and a
 * little inline script, so the folder works from a CI artifact or a
 * file:// URL with no network.
 */
#include "html.h"
#include "../common/fileio.h"
#include "../common/tl_error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char style[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222}"
	"a{color:#0645ad}table{border-collapse:collapse}"
	"th,td{padding:2px 8px;text-align:left;vertical-align:top}"
	"table.list th{background:#eee;cursor:pointer;user-select:none}"
	"table.list tr:nth-child(even){background:#f7f7f7}"
	"td.n,th.n{text-align:right}"
	".new{color:#b00;font-weight:bold}.reopened{color:#c60;font-weight:bold}"
	".unchanged{color:#555}.resolved{color:#080}"
	".meta td:first-child{color:#666}"
	"pre,code,.src{font:13px/1.35 ui-monospace,monospace}"
	"pre.help{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:8px;max-width:60em}"
	".src{border:1px solid #ccc;margin-bottom:1.5em}"
	".src td{padding:0 6px;white-space:pre-wrap}"
	".src td:first-child{color:#999;text-align:right;user-select:none;border-right:1px solid #ddd}"
	".src tr.hit td+td{background:#fff4c2}"
	".src tr.gap td{color:#999;background:#f3f3f3}"
	".note{display:inline-block;background:#fdf0c4;border:1px solid #d9b64a;border-radius:4px;"
	"padding:1px 6px;margin:2px 0;font-family:system-ui,sans-serif}"
	".note.last{background:#f8d0d0;border-color:#c55}"
	".num{display:inline-block;min-width:1.4em;text-align:center;background:#d9b64a;"
	"color:#fff;border-radius:8px;margin-right:4px;font-weight:bold}"
	".note.last .num{background:#c55}"
	".filters{margin:.5em 0}.filters *{margin-right:.6em}"
	".pager a,.pager b{margin-right:.4em}"
	".warn{color:#a40}";

/* Sorts a table.list by the clicked column (a cell's data-k first, so
 * numbers and statuses sort by key) and filters its rows by the
 * data-rule/status/triage attributes and a substring of data-file. */
static const char script[] =
	"<script>\n"
	"(function(){\n"
	"function filt(){var q={},n=0;document.querySelectorAll('[data-f]').forEach(function(e){"
	"q[e.getAttribute('data-f')]=e.value.toLowerCase()});"
	"document.querySelectorAll('#findings tbody tr').forEach(function(r){var ok=true;"
	"for(var k in q){if(!q[k])continue;var v=(r.getAttribute('data-'+k)||'').toLowerCase();"
	"if(k==='file'?v.indexOf(q[k])<0:v!==q[k])ok=false}r.hidden=!ok;if(ok)n++});"
	"var s=document.getElementById('shown');if(s)s.textContent=n}\n"
	"function sort(th){var t=th.closest('table'),b=t.tBodies[0],"
	"i=Array.prototype.indexOf.call(th.parentNode.children,th),"
	"d=th.getAttribute('data-dir')==='a'?'d':'a',num=th.classList.contains('n');"
	"th.setAttribute('data-dir',d);"
	"var key=function(r){var c=r.cells[i];return c.getAttribute('data-k')||c.textContent};"
	"var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=key(x),c=key(y);"
	"var o=num?(+a)-(+c):a.localeCompare(c);return d==='a'?o:-o});"
	"rows.forEach(function(r){b.appendChild(r)})}\n"
	"document.querySelectorAll('table.list th').forEach(function(th){"
	"th.addEventListener('click',function(){sort(th)})});"
	"document.querySelectorAll('[data-f]').forEach(function(e){"
	"e.addEventListener('input',filt);e.addEventListener('change',filt)});filt();\n"
	"})();\n"
	"</script>\n";

void tl_html_begin(struct strbuf *sb, const char *title, const char *up)
{
	sb_adds(sb, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
	tl_html_esc(sb, title);
	sb_addf(sb, "</title>\n<link rel=\"stylesheet\" href=\"%s" TL_HTML_STYLE "\">"
		"</head>\n<body>\n", up);
}

int tl_html_write_style(const char *dir, size_t *bytes, char **err)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, style);
	sb_addc(&sb, '\n');
	int rc = tl_html_write(dir, TL_HTML_STYLE, &sb, bytes, err);
	sb_release(&sb);
	return rc;
}

void tl_html_end(struct strbuf *sb, int with_script)
{
	if (with_script)
		sb_adds(sb, script);
	sb_adds(sb, "</body></html>\n");
}

int tl_html_mkdir(const char *dir, char **err)
{
	struct strbuf p;
	int rc = TL_OK;
	sb_init(&p);
	sb_adds(&p, dir);
	for (char *c = p.buf + 1; rc == TL_OK; c++) {
		int end = *c == '\0';
		if (*c != '/' && !end)
			continue;
		*c = '\0';
		if (mkdir(p.buf, 0777) && errno != EEXIST)
			rc = tl_error_errno(err, TL_E_DB, "cannot make the folder '%s'", p.buf);
		if (end)
			break;
		*c = '/';
	}
	if (rc == TL_OK && !tl_is_dir(dir))
		rc = tl_error(err, TL_E_DB, "'%s' is not a folder", dir);
	sb_release(&p);
	return rc;
}

/* Written in place, not through a temporary file and a rename: a report
 * of 100,000 findings is 100,000 files, and the rename doubled the file
 * system work. A failed write removes its file; the command then fails. */
int tl_html_write(const char *dir, const char *name, const struct strbuf *sb,
		  size_t *bytes, char **err)
{
	struct strbuf path;
	int rc = TL_OK;
	sb_init(&path);
	sb_addf(&path, "%s/%s", dir, name);
	FILE *f = fopen(path.buf, "w");
	if (!f) {
		rc = tl_error_errno(err, TL_E_DB, "cannot write '%s'", path.buf);
	} else {
		int bad = fwrite(sb->buf, 1, sb->len, f) != sb->len;
		bad |= fclose(f) != 0;
		if (bad) {
			rc = tl_error_errno(err, TL_E_DB, "cannot write '%s'", path.buf);
			unlink(path.buf);
		} else if (bytes) {
			*bytes += sb->len;
		}
	}
	sb_release(&path);
	return rc;
}
