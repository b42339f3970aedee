/*
 * gitlab.h - GitLab Code Quality JSON (artifacts:reports:codequality): an
 * array of {type, check_name, description, fingerprint, severity,
 * location {path, lines {begin}}}.
 *
 * The fingerprint is taskleak's (GitLab collapses equal fingerprints into
 * one issue, and ours is one per finding). Severity follows the rule's
 * level: error -> critical, warning -> major, note -> minor. Findings
 * absent against a baseline are not issues and are left out.
 */
#ifndef TL_EXPORT_GITLAB_H
#define TL_EXPORT_GITLAB_H

#include "export.h"
#include "../import/catalog.h"

const char *tl_gitlab_severity(const char *level);
int tl_gitlab_render(const struct tl_export_set *set, const struct tl_catalog *cat,
		     char **out, char **err);

#endif
