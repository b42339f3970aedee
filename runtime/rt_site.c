/*
 * rt_site.c - a code address to file:line and function, through the
 * DWARF of whichever object holds it (elfutils' libdwfl on this process).
 *
 * Used only by the report writer, outside the table lock: it reads
 * /proc/self/maps and the objects' debug info, which is slow and may
 * allocate, and must never hold up a spawning thread. Objects without
 * debug info still get the object and offset (what addr2line needs later)
 * and, from the symbol table, the function.
 */
#define _GNU_SOURCE
#include "rt.h"

#include <dlfcn.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rt_resolver {
	Dwfl *dwfl; /* NULL when libdwfl could not read the process */
};

static char *debuginfo_path;
static const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.debuginfo_path = &debuginfo_path,
};

struct rt_resolver *rt_resolver_open(void)
{
	struct rt_resolver *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->dwfl = dwfl_begin(&callbacks);
	if (r->dwfl) {
		dwfl_report_begin(r->dwfl);
		if (dwfl_linux_proc_report(r->dwfl, getpid()) != 0 ||
		    dwfl_report_end(r->dwfl, NULL, NULL) != 0) {
			dwfl_end(r->dwfl);
			r->dwfl = NULL;
		}
	}
	return r;
}

void rt_resolver_close(struct rt_resolver *r)
{
	if (!r)
		return;
	if (r->dwfl)
		dwfl_end(r->dwfl);
	free(r);
}

/* Copies src, cut to size (a path longer than 511 bytes stays unmatched). */
static void copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The function name from dladdr (dynamic symbols only) as a fallback. */
static void dl_function(void *addr, struct rt_site *out)
{
	Dl_info info;
	if (dladdr(addr, &info) == 0)
		return;
	copy(out->object, sizeof(out->object), info.dli_fname);
	out->offset = (uintptr_t)addr - (uintptr_t)info.dli_fbase;
	if (!out->function[0])
		copy(out->function, sizeof(out->function), info.dli_sname);
}

/* file:line through the CU whose ranges hold addr. libdwfl's own lookup
 * needs .debug_aranges, which clang does not emit. */
static void line_by_cu(Dwfl_Module *m, Dwarf_Addr addr, struct rt_site *out, Dwarf_Die **cu_out)
{
	Dwarf_Addr bias = 0;
	Dwarf_Die *cu = NULL;
	while ((cu = dwfl_module_nextcu(m, cu, &bias)) != NULL) {
		if (dwarf_haspc(cu, addr - bias) != 1)
			continue;
		Dwarf_Line *l = dwarf_getsrc_die(cu, addr - bias);
		const char *file = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
		if (file && dwarf_lineno(l, &out->line) == 0) {
			copy(out->file, sizeof(out->file), file);
			*cu_out = cu;
		}
		return;
	}
}

/* A file name relative to its compilation's folder made absolute, so that
 * the importer does not depend on where it runs. */
static void absolute(Dwarf_Die *cu, struct rt_site *out)
{
	Dwarf_Attribute a;
	const char *dir = cu && out->file[0] && out->file[0] != '/' ?
		dwarf_formstring(dwarf_attr_integrate(cu, DW_AT_comp_dir, &a)) : NULL;
	char tmp[2 * sizeof(out->file)];
	if (!dir)
		return;
	snprintf(tmp, sizeof(tmp), "%s/%s", dir, out->file);
	copy(out->file, sizeof(out->file), tmp);
}

static void lookup(struct rt_resolver *r, uintptr_t addr, struct rt_site *out)
{
	memset(out, 0, sizeof(*out));
	Dwfl_Module *m = r && r->dwfl ? dwfl_addrmodule(r->dwfl, addr) : NULL;
	if (m) {
		Dwarf_Addr base = 0;
		const char *main_file = NULL;
		const char *name = dwfl_module_info(m, NULL, &base, NULL, NULL, NULL, &main_file, NULL);
		copy(out->object, sizeof(out->object), main_file ? main_file : name);
		out->offset = addr - base;
		copy(out->function, sizeof(out->function), dwfl_module_addrname(m, addr));
		Dwfl_Line *l = dwfl_module_getsrc(m, addr);
		Dwarf_Die *cu = NULL;
		int line = 0;
		const char *file = l ? dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL) : NULL;
		if (file) {
			copy(out->file, sizeof(out->file), file);
			out->line = line;
			cu = dwfl_linecu(l);
		} else {
			line_by_cu(m, addr, out, &cu);
		}
		absolute(cu, out);
	}
	if (!out->object[0] || !out->function[0])
		dl_function((void *)addr, out);
}

void rt_resolve_call(struct rt_resolver *r, void *ret_addr, struct rt_site *out)
{
	/* the return address is the instruction after the call; the one
	 * before it belongs to the call's line */
	lookup(r, (uintptr_t)ret_addr - 1, out);
	out->offset += 1;
}

void rt_resolve_function(struct rt_resolver *r, void *addr, char *name, size_t size)
{
	struct rt_site s;
	lookup(r, (uintptr_t)addr, &s);
	copy(name, size, s.function);
}
