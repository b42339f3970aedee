/*
 * rdjson.h - reviewdog's Diagnostic JSON (rdjson, reviewdog proto/rdf):
 * {source, severity, diagnostics: [{message, location {path, range {start
 * {line, column}}}, severity, source, code {value, url}, related_locations}]}.
 *
 * Severity follows the rule's level (error -> ERROR, warning -> WARNING,
 * note -> INFO); the path steps are related_locations. Findings absent
 * against a baseline are left out.
 */
#ifndef TL_EXPORT_RDJSON_H
#define TL_EXPORT_RDJSON_H

#include "export.h"
#include "../import/catalog.h"

const char *tl_rdjson_severity(const char *level);
int tl_rdjson_render(const struct tl_export_set *set, const struct tl_catalog *cat,
		     char **out, char **err);

#endif
