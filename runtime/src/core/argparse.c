/* argparse.c - the command line as Python 3.11's argparse reads it
 * (gtorch_argparse.h).
 *
 * The parse follows ArgumentParser._parse_known_args step by step: each
 * argument string is classed 'O' (an option), 'A' (a value) or '-' (the
 * first "--"), and the nargs of the positionals are matched against that
 * pattern as argparse's regular expressions match it (greedy, first
 * match). The help follows HelpFormatter: the usage line wrapped by its
 * parts (a mutually exclusive group's arguments one part, `[--a | --b]`),
 * each action's invocation and its help wrapped as textwrap.wrap wraps
 * (hyphenated words broken after their hyphen), argument groups in
 * sections of their own. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core_internal.h"
#include "gtorch.h"

/* NARGS_PARSER: a subcommand's name and every string after it ('A...') */
enum { NARGS_ONE = -1, NARGS_OPTIONAL = -2, NARGS_ANY = -3, NARGS_SOME = -4, NARGS_PARSER = -5 };

typedef enum act_kind {
  ACT_STORE, ACT_CONST, ACT_TRUE, ACT_FALSE, ACT_APPEND, ACT_COUNT, ACT_HELP,
  ACT_PARSERS,  /* add_subparsers' action: the name picks a parser, which reads the rest */
  ACT_BOOLEAN   /* BooleanOptionalAction: --x stores True, --no-x False */
} act_kind;

typedef struct arg {
  int64_t field;
  const gt_type *ftype;   /* the field's type */
  bool optional;          /* the field may hold None */
  char **flags;
  int nflags;
  act_kind act;
  int nargs;              /* >= 0 a count, else NARGS_* */
  const gt_type *conv;    /* type=: int, float or str */
  gt_val dflt, cnst;
  gt_list *choices;
  bool required;
  gt_str *help;
  char *metavar, *dest;   /* dest NULL: argparse's SUPPRESS (a subparsers action without dest=) */
  gt_subparsers *sub;     /* ACT_PARSERS: its parsers */
  int section;            /* the help section of its group (add_argument_group's, or
                             add_subparsers' titled one); -1: by its kind */
  int mutex;              /* its mutually exclusive group; -1: none */
} arg;

/* add_subparsers' value, the _SubParsersAction: the parsers by name (an
 * alias names its parser again), in the order added, and the help rows
 * (_ChoicesPseudoAction) of those added with help= */
struct gt_subparsers {
  gt_obj h;
  char *prog_prefix;
  char **names;
  gt_argparser **parsers;
  int n, cap;
  arg *rows;
  int nrows;
  char *label;            /* its metavar= or dest=, which its errors name; NULL: {its names} */
};

/* formatter_class=: what HelpFormatter's subclasses change */
struct gt_help_formatter {
  gt_obj h;
  bool defaults;          /* ArgumentDefaultsHelpFormatter: `(default: ...)` after each help */
  bool raw_description;   /* Raw*: description and epilog as written */
  bool raw_text;          /* RawTextHelpFormatter: each help's lines as written */
};

static const gt_class formatter_class = {.name = "type"};
static gt_help_formatter formatters[] = {
    {{GT_IMMORTAL, &formatter_class}, false, false, false},
    {{GT_IMMORTAL, &formatter_class}, true, false, false},
    {{GT_IMMORTAL, &formatter_class}, false, true, false},
    {{GT_IMMORTAL, &formatter_class}, false, true, true},
};
gt_help_formatter *const gt_argparse_HelpFormatter = &formatters[0];
gt_help_formatter *const gt_argparse_ArgumentDefaultsHelpFormatter = &formatters[1];
gt_help_formatter *const gt_argparse_RawDescriptionHelpFormatter = &formatters[2];
gt_help_formatter *const gt_argparse_RawTextHelpFormatter = &formatters[3];

/* A titled group of the help: add_argument_group's, or add_subparsers'
 * with title= or description= */
typedef struct section {
  char *title;            /* NULL: no heading */
  gt_str *description;
} section;

/* add_mutually_exclusive_group's: its arguments, as indices of the
 * parser's args in the order added */
typedef struct mutex_group {
  bool required;
  int *members;
  int n;
} mutex_group;

struct gt_argparser {
  gt_obj h;
  gt_help_formatter format;
  char *prog, *usage;
  gt_str *description, *epilog;
  arg *args;
  int nargs, cap;
  int64_t nfields;
  /* the titled groups, in the order made (the order of their sections) */
  section *sections;
  int nsections;
  mutex_group *mutexes;
  int nmutexes;
  /* set_defaults: each dest's default (an arg of no flags, only its field,
   * type, value and dest), set by a parse where nothing else set it */
  arg *defaults;
  int ndefaults;
};

struct gt_namespace {
  gt_obj h;
  int64_t n;
  gt_val *vals;
  const gt_type **types;  /* NULL: not set by the parser */
  char **names;           /* each slot's dest */
  bool *optional;         /* None is a value of the slot */
  int64_t *order, norder; /* the slots set, in the order Python's namespace holds its attributes */
  char *kind;             /* the class messages name ("FunctionCtx"); NULL: Namespace */
  void *ext;              /* the owner's (gt_namespace_new_object) */
};

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(gt_xmalloc(n), s, n);
}

static int64_t cp_len(const char *s) { return gt_utf8_count(s, (int64_t)strlen(s)); }

/* ---- the objects ----------------------------------------------------------- */

static void arg_free(arg *a) {
  for (int j = 0; j < a->nflags; j++) free(a->flags[j]);
  free(a->flags);
  if (a->ftype && gt_type_is_ref(a->ftype)) gt_release(a->dflt.p);
  if (a->conv && gt_type_is_ref(a->conv)) gt_release(a->cnst.p);
  gt_release(a->choices);
  gt_release(a->help);
  gt_release(a->sub);
  free(a->metavar);
  free(a->dest);
}

static void parser_drop(gt_obj *o) {
  gt_argparser *p = (gt_argparser *)o;
  for (int i = 0; i < p->nargs; i++) arg_free(&p->args[i]);
  free(p->args);
  free(p->prog);
  free(p->usage);
  gt_release(p->description);
  gt_release(p->epilog);
  for (int i = 0; i < p->nsections; i++) {
    free(p->sections[i].title);
    gt_release(p->sections[i].description);
  }
  free(p->sections);
  for (int i = 0; i < p->nmutexes; i++) free(p->mutexes[i].members);
  free(p->mutexes);
  for (int i = 0; i < p->ndefaults; i++) arg_free(&p->defaults[i]);
  free(p->defaults);
}

static void subparsers_drop(gt_obj *o) {
  gt_subparsers *s = (gt_subparsers *)o;
  for (int i = 0; i < s->n; i++) {
    free(s->names[i]);
    gt_release(s->parsers[i]);
  }
  for (int i = 0; i < s->nrows; i++) arg_free(&s->rows[i]);
  free(s->names);
  free(s->parsers);
  free(s->rows);
  free(s->prog_prefix);
  free(s->label);
}

static const gt_class subparsers_class = {"_SubParsersAction", subparsers_drop, NULL, NULL, NULL, NULL, NULL};

static const gt_class parser_class = {"ArgumentParser", parser_drop, NULL, NULL, NULL, NULL, NULL};

static void namespace_drop(gt_obj *o) {
  gt_namespace *ns = (gt_namespace *)o;
  for (int64_t i = 0; i < ns->n; i++) {
    if (ns->types[i]) gt_val_release(ns->vals[i], ns->types[i]);
    free(ns->names[i]);
  }
  free(ns->vals);
  free(ns->types);
  free(ns->names);
  free(ns->optional);
  free(ns->order);
  free(ns->kind);
}

static bool slot_is_none(const gt_namespace *ns, int64_t i);

/* Namespace(lr=0.1, data='x'), as argparse's Namespace.__repr__ */
static gt_str *namespace_repr(gt_obj *o) {
  gt_namespace *ns = (gt_namespace *)o;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "Namespace(");
  for (int64_t k = 0; k < ns->norder; k++) {
    int64_t i = ns->order[k];
    gt_sbuf_printf(&b, "%s%s=", k ? ", " : "", ns->names[i]);
    if (slot_is_none(ns, i)) gt_sbuf_puts(&b, "None");
    else gt_val_repr_to(&b, ns->vals[i], ns->types[i]);
  }
  gt_sbuf_putc(&b, ')');
  return gt_sbuf_finish(&b);
}

static const gt_class namespace_class = {"Namespace", namespace_drop, NULL, namespace_repr, NULL, NULL, NULL};

static arg *new_arg(gt_argparser *p) {
  if (p->nargs == p->cap) {
    p->cap = p->cap ? 2 * p->cap : 8;
    p->args = gt_xrealloc(p->args, (size_t)p->cap * sizeof *p->args);
  }
  arg *a = &p->args[p->nargs++];
  memset(a, 0, sizeof *a);
  a->field = -1;
  a->section = -1;
  a->mutex = -1;
  return a;
}

gt_argparser *gt_argparser_new(const char *prog, const char *usage, const gt_str *description,
                               const gt_str *epilog, const gt_help_formatter *formatter_class, bool add_help) {
  gt_argparser *p = gt_alloc(sizeof *p, &parser_class);
  p->format = formatter_class ? *formatter_class : formatters[0];
  if (prog) {
    p->prog = xstrdup(prog);
  } else {  /* os.path.basename(sys.argv[0]) */
    const char *a0 = gt_sys_argv && gt_sys_argv->len ? ((gt_str *)gt_sys_argv->items[0].p)->data : "";
    const char *slash = strrchr(a0, '/');
    p->prog = xstrdup(slash ? slash + 1 : a0);
  }
  p->usage = usage ? xstrdup(usage) : NULL;
  p->description = gt_retain((gt_str *)description);
  p->epilog = gt_retain((gt_str *)epilog);
  if (add_help) {
    arg *h = new_arg(p);
    h->flags = gt_xmalloc(2 * sizeof *h->flags);
    h->flags[0] = xstrdup("-h");
    h->flags[1] = xstrdup("--help");
    h->nflags = 2;
    h->act = ACT_HELP;
    h->nargs = 0;
    h->help = gt_str_from_cstr("show this help message and exit");
    h->dest = xstrdup("help");
  }
  return p;
}

static act_kind action_kind(const char *s) {
  if (!s || !strcmp(s, "store")) return ACT_STORE;
  if (!strcmp(s, "store_const")) return ACT_CONST;
  if (!strcmp(s, "store_true")) return ACT_TRUE;
  if (!strcmp(s, "store_false")) return ACT_FALSE;
  if (!strcmp(s, "append")) return ACT_APPEND;
  if (!strcmp(s, "count")) return ACT_COUNT;
  if (!strcmp(s, "boolean_optional")) return ACT_BOOLEAN;
  gt_fail("ValueError: unknown action \"%s\"", s);
}

static int nargs_code(const char *s, act_kind act) {
  if (act != ACT_STORE && act != ACT_APPEND) return 0;
  if (!s) return NARGS_ONE;
  if (!strcmp(s, "?")) return NARGS_OPTIONAL;
  if (!strcmp(s, "*")) return NARGS_ANY;
  if (!strcmp(s, "+")) return NARGS_SOME;
  return atoi(s);
}

void gt_argparser_add(gt_argparser *p, int64_t field, const gt_type *field_type, bool optional,
                      const char *const *flags, int64_t nflags, const char *action, const char *nargs,
                      const gt_type *conv, gt_val dflt, gt_val cnst, const gt_list *choices, bool required,
                      const gt_str *help, const char *metavar, const char *dest) {
  arg *a = new_arg(p);
  a->field = field;
  a->ftype = field_type;
  a->optional = optional;
  a->act = action_kind(action);
  a->flags = gt_xmalloc((size_t)(nflags ? 2 * nflags : 1) * sizeof *a->flags);
  for (int64_t i = 0; i < nflags; i++) {
    a->flags[a->nflags++] = xstrdup(flags[i]);
    if (a->act == ACT_BOOLEAN && !strncmp(flags[i], "--", 2)) {  /* --amp gets --no-amp after it */
      a->flags[a->nflags] = gt_xmalloc(strlen(flags[i]) + 4);
      sprintf(a->flags[a->nflags++], "--no-%s", flags[i] + 2);
    }
  }
  a->nargs = nargs_code(nargs, a->act);
  a->conv = conv ? conv : &gt_t_str;
  a->dflt = gt_val_retain(dflt, field_type);
  a->cnst = gt_val_retain(cnst, a->conv);
  a->choices = gt_retain((gt_list *)choices);
  /* a positional is required unless its nargs is '?', or '*' with a default */
  a->required = nflags ? required : a->nargs != NARGS_OPTIONAL && (a->nargs != NARGS_ANY || !dflt.p);
  a->help = gt_retain((gt_str *)help);
  a->metavar = metavar ? xstrdup(metavar) : NULL;
  a->dest = xstrdup(dest);
  if (field >= p->nfields) p->nfields = field + 1;
}

/* ---- argument groups ------------------------------------------------------- */

/* add_argument_group's and add_mutually_exclusive_group's value: a handle
 * on its parser, which holds the groups themselves (the handle refers to
 * the parser, never the other way, so no cycle keeps either alive) */
struct gt_argument_group {
  gt_obj h;
  gt_argparser *parser;
  int section;            /* the section its arguments are listed in; -1: by their kind */
  int mutex;              /* the mutually exclusive group it is; -1: an argument group */
};

static void group_drop(gt_obj *o) { gt_release(((gt_argument_group *)o)->parser); }

static const gt_class group_class = {"_ArgumentGroup", group_drop, NULL, NULL, NULL, NULL, NULL};
static const gt_class mutex_class = {"_MutuallyExclusiveGroup", group_drop, NULL, NULL, NULL, NULL, NULL};

/* a new titled group of the parser's help, after those made before */
static int add_section(gt_argparser *p, const gt_str *title, const gt_str *description) {
  p->sections = gt_xrealloc(p->sections, (size_t)(p->nsections + 1) * sizeof *p->sections);
  p->sections[p->nsections] = (section){title ? xstrdup(title->data) : NULL, gt_retain((gt_str *)description)};
  return p->nsections++;
}

static int add_mutex(gt_argparser *p, bool required) {
  p->mutexes = gt_xrealloc(p->mutexes, (size_t)(p->nmutexes + 1) * sizeof *p->mutexes);
  p->mutexes[p->nmutexes] = (mutex_group){required, NULL, 0};
  return p->nmutexes++;
}

static gt_argument_group *group_new(gt_argparser *p, int section, int mutex) {
  gt_argument_group *g = gt_alloc(sizeof *g, mutex < 0 ? &group_class : &mutex_class);
  g->parser = gt_retain(p);
  g->section = section;
  g->mutex = mutex;
  return g;
}

gt_argument_group *gt_argparser_add_argument_group(gt_argparser *p, const gt_str *title,
                                                   const gt_str *description) {
  return group_new(p, add_section(p, title, description), -1);
}

gt_argument_group *gt_argparser_add_mutually_exclusive_group(gt_argparser *p, bool required) {
  return group_new(p, -1, add_mutex(p, required));
}

gt_argument_group *gt_argument_group_add_mutually_exclusive_group(gt_argument_group *g, bool required) {
  return group_new(g->parser, g->section, add_mutex(g->parser, required));
}

void gt_argument_group_add(gt_argument_group *g, int64_t field, const gt_type *field_type, bool optional,
                           const char *const *flags, int64_t nflags, const char *action, const char *nargs,
                           const gt_type *conv, gt_val dflt, gt_val cnst, const gt_list *choices, bool required,
                           const gt_str *help, const char *metavar, const char *dest) {
  gt_argparser *p = g->parser;
  gt_argparser_add(p, field, field_type, optional, flags, nflags, action, nargs, conv, dflt, cnst, choices, required,
                   help, metavar, dest);
  arg *a = &p->args[p->nargs - 1];
  a->section = g->section;
  if (g->mutex < 0) return;
  if (a->required) {  /* Python's group refuses it before its parser takes it */
    arg_free(a);
    p->nargs--;
    gt_fail("ValueError: mutually exclusive arguments must be optional");
  }
  mutex_group *m = &p->mutexes[g->mutex];
  m->members = gt_xrealloc(m->members, (size_t)(m->n + 1) * sizeof *m->members);
  m->members[m->n++] = p->nargs - 1;
  a->mutex = g->mutex;
}

enum { USAGE_OPTIONS = 1, USAGE_POSITIONALS = 2, USAGE_ALL = 3 };
static char *actions_usage(const gt_argparser *p, int which);
static char *expand_help(const gt_argparser *p, const arg *a, const char *help);
GT_NORETURN static void fail_text(gt_argparser *p, const char *message);

/* The subcommands' prog prefix: the parser's usage without `usage: `
 * and without its options (add_subparsers' formatter.add_usage(usage,
 * positionals, groups, '')) */
static char *prog_prefix(const gt_argparser *p) {
  if (p->usage) return expand_help(p, NULL, p->usage);
  char *pos = actions_usage(p, USAGE_POSITIONALS);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "%s%s%s", p->prog, *pos ? " " : "", pos);
  free(pos);
  return gt_sbuf_finish_cstr(&b);
}

gt_subparsers *gt_argparser_add_subparsers(gt_argparser *p, int64_t field, bool optional, const gt_str *title,
                                           const gt_str *description, const char *prog, const char *dest,
                                           bool required, const gt_str *help, const char *metavar) {
  for (int i = 0; i < p->nargs; i++)
    if (p->args[i].act == ACT_PARSERS) fail_text(p, "cannot have multiple subparser arguments");
  gt_subparsers *s = gt_alloc(sizeof *s, &subparsers_class);
  s->prog_prefix = prog ? xstrdup(prog) : prog_prefix(p);
  int group = -1;
  if (title || description) {  /* its own group, as add_argument_group's */
    gt_str *heading = title ? NULL : gt_str_from_cstr("subcommands");
    group = add_section(p, title ? title : heading, description);
    gt_release(heading);
  }
  arg *a = new_arg(p);
  a->field = field;
  a->ftype = &gt_t_str;
  a->optional = optional;
  a->flags = gt_xmalloc(sizeof *a->flags);
  a->act = ACT_PARSERS;
  a->nargs = NARGS_PARSER;
  a->conv = &gt_t_str;
  a->required = required;
  a->help = gt_retain((gt_str *)help);
  a->metavar = metavar ? xstrdup(metavar) : NULL;
  a->dest = dest ? xstrdup(dest) : NULL;
  a->sub = gt_retain(s);
  s->label = metavar || dest ? xstrdup(metavar ? metavar : dest) : NULL;
  a->section = group;
  if (field >= p->nfields) p->nfields = field + 1;
  return s;
}

static bool subcommand_named(const gt_subparsers *s, const char *name) {
  for (int i = 0; i < s->n; i++)
    if (!strcmp(s->names[i], name)) return true;
  return false;
}

static void subcommand_add(gt_subparsers *s, const char *name, gt_argparser *parser) {
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 8;
    s->names = gt_xrealloc(s->names, (size_t)s->cap * sizeof *s->names);
    s->parsers = gt_xrealloc(s->parsers, (size_t)s->cap * sizeof *s->parsers);
  }
  s->names[s->n] = xstrdup(name);
  s->parsers[s->n++] = gt_retain(parser);
}

/* _ChoicesPseudoAction: the row `name (alias, ...)  help` of the help */
static void subcommand_row(gt_subparsers *s, const char *name, const gt_list *aliases, const gt_str *help) {
  s->rows = gt_xrealloc(s->rows, (size_t)(s->nrows + 1) * sizeof *s->rows);
  arg *a = &s->rows[s->nrows++];
  memset(a, 0, sizeof *a);
  gt_sbuf m;
  gt_sbuf_init(&m);
  gt_sbuf_puts(&m, name);
  for (int64_t i = 0; aliases && i < aliases->len; i++)
    gt_sbuf_printf(&m, "%s%s", i ? ", " : " (", ((gt_str *)aliases->items[i].p)->data);
  if (aliases && aliases->len) gt_sbuf_putc(&m, ')');
  a->field = -1;
  a->flags = gt_xmalloc(sizeof *a->flags);
  a->nargs = NARGS_ONE;
  a->help = gt_retain((gt_str *)help);
  a->metavar = gt_sbuf_finish_cstr(&m);
  a->dest = xstrdup(name);
}

/* {name,alias,...}: the subcommands as choices */
static char *subcommand_choices(const gt_subparsers *s) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_putc(&b, '{');
  for (int i = 0; i < s->n; i++) gt_sbuf_printf(&b, "%s%s", i ? "," : "", s->names[i]);
  gt_sbuf_putc(&b, '}');
  return gt_sbuf_finish_cstr(&b);
}

gt_argparser *gt_subparsers_add_parser(gt_subparsers *s, const char *name, const gt_str *help,
                                       const gt_list *aliases, const char *prog, const char *usage,
                                       const gt_str *description, const gt_str *epilog,
                                       const gt_help_formatter *formatter_class, bool add_help) {
  for (int64_t i = -1; i < (aliases ? aliases->len : 0); i++) {
    const char *n = i < 0 ? name : ((gt_str *)aliases->items[i].p)->data;
    if (!subcommand_named(s, n)) continue;
    char *label = s->label ? xstrdup(s->label) : subcommand_choices(s);
    gt_fail("argparse.ArgumentError: argument %s: conflicting subparser%s: %s", label, i < 0 ? "" : " alias", n);
  }
  if (help) subcommand_row(s, name, aliases, help);
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (!prog) gt_sbuf_printf(&b, "%s %s", s->prog_prefix, name);
  gt_argparser *parser = gt_argparser_new(prog ? prog : gt_sbuf_cstr(&b), usage, description, epilog,
                                          formatter_class, add_help);
  gt_sbuf_free(&b);
  subcommand_add(s, name, parser);
  for (int64_t i = 0; aliases && i < aliases->len; i++) subcommand_add(s, ((gt_str *)aliases->items[i].p)->data, parser);
  return parser;
}

/* The parser's set_defaults entry of dest, a new one where it has none. */
static arg *default_entry(gt_argparser *p, const char *dest) {
  for (int i = 0; i < p->ndefaults; i++)
    if (!strcmp(p->defaults[i].dest, dest)) return &p->defaults[i];
  p->defaults = gt_xrealloc(p->defaults, (size_t)(p->ndefaults + 1) * sizeof *p->defaults);
  arg *a = &p->defaults[p->ndefaults++];
  memset(a, 0, sizeof *a);
  a->flags = gt_xmalloc(sizeof *a->flags);
  a->dest = xstrdup(dest);
  return a;
}

void gt_argparser_set_default(gt_argparser *p, int64_t field, const gt_type *field_type, bool optional, gt_val value,
                              const char *dest) {
  arg *d = default_entry(p, dest);
  if (d->ftype) gt_val_release(d->dflt, d->ftype);
  d->field = field;
  d->ftype = field_type;
  d->optional = optional;
  d->dflt = gt_val_retain(value, field_type);
  for (int i = 0; i < p->nargs; i++) {  /* the arguments of that dest take it as theirs (help shows it) */
    arg *a = &p->args[i];
    if (!a->dest || strcmp(a->dest, dest) != 0 || a->act == ACT_HELP) continue;
    gt_val_release(a->dflt, a->ftype);
    a->dflt = gt_val_retain(value, a->ftype);
  }
  if (field >= p->nfields) p->nfields = field + 1;
}

/* ---- values ---------------------------------------------------------------- */

static bool is_none(const arg *a, gt_val v, const gt_type *t) {
  if (!a->optional) return false;
  if (gt_type_is_ref(t)) return v.p == NULL;
  if (t->kind == GT_K_INT) return v.i == GT_NONE_INT;
  if (t->kind == GT_K_FLOAT) return gt_float_is_none(v.f);
  return false;
}

/* str(v) of the field's value, None where it holds none */
static void put_value(gt_sbuf *b, const arg *a, gt_val v, const gt_type *t, bool repr) {
  if (is_none(a, v, t) || (gt_type_is_ref(t) && !v.p)) {
    gt_sbuf_puts(b, "None");
    return;
  }
  gt_str *s = repr ? gt_val_repr(v, t) : gt_val_str(v, t);
  gt_sbuf_put_str(b, s);
  gt_release(s);
}

/* int(s) as Python accepts it: blanks around, a sign, digits with single
 * underscores between them */
static bool int_text(const char *s) {
  while (isspace((unsigned char)*s)) s++;
  if (*s == '+' || *s == '-') s++;
  if (!isdigit((unsigned char)*s)) return false;
  while (isdigit((unsigned char)*s) || (*s == '_' && isdigit((unsigned char)s[1]))) s++;
  while (isspace((unsigned char)*s)) s++;
  return *s == 0;
}

/* float(s) as Python accepts it: decimal and exponent forms, inf, nan,
 * infinity; no hexadecimal (strtod's) */
static bool float_text(const char *s) {
  while (isspace((unsigned char)*s)) s++;
  const char *start = s;
  if (*s == '+' || *s == '-') s++;
  const char *words[] = {"infinity", "inf", "nan"};
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(words[i]);
    if (strncasecmp(s, words[i], n) == 0) {
      s += n;
      while (isspace((unsigned char)*s)) s++;
      return *s == 0;
    }
  }
  bool digits = false, after_digit = false;
  for (; *s && !isspace((unsigned char)*s); s++) {
    unsigned char c = (unsigned char)*s;
    if (isdigit(c)) {
      digits = after_digit = true;
    } else if (c == '_' && after_digit && isdigit((unsigned char)s[1])) {
      continue;
    } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
      after_digit = false;
    } else {
      return false;
    }
  }
  while (isspace((unsigned char)*s)) s++;
  if (*s || !digits) return false;
  char *clean = gt_xmalloc(strlen(start) + 1), *o = clean;
  for (const char *q = start; *q && !isspace((unsigned char)*q); q++)
    if (*q != '_') *o++ = *q;
  *o = 0;
  char *end;
  strtod(clean, &end);
  bool ok = *end == 0 && end != clean;
  free(clean);
  return ok;
}

/* repr(s), for a message (the program ends after it) */
static char *str_repr(const char *s) {
  gt_str *text = gt_str_from_cstr(s);
  char *r = gt_val_repr_cstr((gt_val){.p = text}, &gt_t_str);
  gt_release(text);
  return r;
}

GT_NORETURN static void fail_arg(gt_argparser *p, const arg *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* _get_value: type=(s), or `invalid int value: 'x'` */
static gt_val convert(gt_argparser *p, const arg *a, const char *s) {
  const gt_type *t = a->conv;
  gt_val v = {0};
  if (t->kind == GT_K_INT || t->kind == GT_K_FLOAT) {
    bool ok = t->kind == GT_K_INT ? int_text(s) : float_text(s);
    if (!ok) {
      fail_arg(p, a, "invalid %s value: %s", t->kind == GT_K_INT ? "int" : "float", str_repr(s));
    }
    gt_str *text = gt_str_from_cstr(s);
    if (t->kind == GT_K_INT) v.i = gt_int_of_str(text);
    else v.f = gt_float_of_str(text);
    gt_release(text);
    return v;
  }
  v.p = gt_str_from_cstr(s);
  return v;
}

/* `invalid choice: 'c' (choose from 'a', 'b')` of value v, of type vt */
GT_NORETURN static void fail_choice(gt_argparser *p, const arg *a, gt_val v, const gt_type *vt) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_val_repr_to(&b, v, vt);
  gt_sbuf_puts(&b, " (choose from ");
  for (int64_t i = 0; i < a->choices->len; i++) {
    if (i) gt_sbuf_puts(&b, ", ");
    gt_val_repr_to(&b, a->choices->items[i], a->conv);
  }
  gt_sbuf_puts(&b, ")");
  fail_arg(p, a, "invalid choice: %s", gt_sbuf_cstr(&b));
}

/* _check_value */
static void check_choice(gt_argparser *p, const arg *a, gt_val v) {
  if (a->choices && !gt_list_contains(a->choices, v)) fail_choice(p, a, v, a->conv);
}

static gt_namespace *namespace_new(int64_t n) {
  gt_namespace *ns = gt_alloc(sizeof *ns, &namespace_class);
  ns->n = n;
  ns->vals = gt_xmalloc((size_t)(n ? n : 1) * sizeof *ns->vals);
  ns->types = gt_xmalloc((size_t)(n ? n : 1) * sizeof *ns->types);
  ns->names = gt_xmalloc((size_t)(n ? n : 1) * sizeof *ns->names);
  ns->optional = gt_xmalloc((size_t)(n ? n : 1) * sizeof *ns->optional);
  ns->order = gt_xmalloc((size_t)(n ? n : 1) * sizeof *ns->order);
  ns->norder = 0;
  for (int64_t i = 0; i < n; i++) {
    ns->types[i] = NULL;
    ns->names[i] = NULL;
    ns->optional[i] = false;
  }
  return ns;
}

static bool slot_is_none(const gt_namespace *ns, int64_t i) {
  const gt_type *t = ns->types[i];
  if (gt_type_is_ref(t)) return ns->vals[i].p == NULL;
  if (!ns->optional[i]) return false;
  if (t->kind == GT_K_INT) return ns->vals[i].i == GT_NONE_INT;
  return t->kind == GT_K_FLOAT && gt_float_is_none(ns->vals[i].f);
}

/* setattr(namespace, dest, v), v a new reference */
static void store(gt_namespace *ns, const arg *a, gt_val v) {
  if (!ns->names[a->field]) {
    ns->names[a->field] = xstrdup(a->dest);
    ns->optional[a->field] = a->optional;
    ns->order[ns->norder++] = a->field;
  }
  if (ns->types[a->field]) gt_val_release(ns->vals[a->field], ns->types[a->field]);
  ns->vals[a->field] = v;
  ns->types[a->field] = a->ftype;
}

gt_val gt_namespace_get(const gt_namespace *ns, int64_t field, const char *name) {
  if (field >= ns->n || !ns->types[field])
    gt_fail("AttributeError: '%s' object has no attribute '%s'", ns->kind ? ns->kind : "Namespace", name);
  return gt_val_retain(ns->vals[field], ns->types[field]);
}

bool gt_namespace_has(const gt_namespace *ns, int64_t field) { return field < ns->n && ns->types[field]; }

/* A row of n slots or more: an attribute a program's assignment declares
 * may lie past the fields of the parser that made the namespace. */
static void namespace_grow(gt_namespace *ns, int64_t n) {
  if (n <= ns->n) return;
  ns->vals = gt_xrealloc(ns->vals, (size_t)n * sizeof *ns->vals);
  ns->types = gt_xrealloc(ns->types, (size_t)n * sizeof *ns->types);
  ns->names = gt_xrealloc(ns->names, (size_t)n * sizeof *ns->names);
  ns->optional = gt_xrealloc(ns->optional, (size_t)n * sizeof *ns->optional);
  ns->order = gt_xrealloc(ns->order, (size_t)n * sizeof *ns->order);
  for (int64_t i = ns->n; i < n; i++) {
    ns->types[i] = NULL;
    ns->names[i] = NULL;
    ns->optional[i] = false;
  }
  ns->n = n;
}

void gt_namespace_set(gt_namespace *ns, int64_t field, const char *name, const gt_type *t, bool optional, gt_val v) {
  namespace_grow(ns, field + 1);
  if (!ns->names[field]) {  /* a new attribute: last in the namespace's order, as Python's */
    ns->names[field] = xstrdup(name);
    ns->optional[field] = optional;
    ns->order[ns->norder++] = field;
  }
  gt_val kept = gt_val_retain(v, t);
  if (ns->types[field]) gt_val_release(ns->vals[field], ns->types[field]);
  ns->vals[field] = kept;
  ns->types[field] = t;
}

gt_namespace *gt_namespace_new_object(const char *kind, void *ext) {
  gt_namespace *ns = namespace_new(0);
  ns->kind = xstrdup(kind);
  ns->ext = ext;
  return ns;
}

void *gt_namespace_ext(const gt_namespace *ns) { return ns->ext; }
void gt_namespace_set_ext(gt_namespace *ns, void *ext) { ns->ext = ext; }

/* ---- help: text wrapping as textwrap.wrap ----------------------------------- */

typedef struct cps {
  uint32_t *c;
  int64_t n, cap;
} cps;

static void cps_push(cps *s, uint32_t c) {
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 64;
    s->c = gt_xrealloc(s->c, (size_t)s->cap * sizeof *s->c);
  }
  s->c[s->n++] = c;
}

/* the text's code points with each run of white space one blank, stripped */
static cps collapse(const char *text) {
  cps s = {0};
  int64_t n = (int64_t)strlen(text), pos = 0;
  bool blank = false;
  while (pos < n) {
    uint32_t c = gt_utf8_decode(text, n, &pos);
    if (gt_unicode_isspace(c)) {
      blank = s.n > 0;
      continue;
    }
    if (blank) cps_push(&s, ' ');
    blank = false;
    cps_push(&s, c);
  }
  return s;
}

static bool is_letter(uint32_t c) { return c >= 0x80 || isalpha((int)c) || c == '_'; }

/* textwrap's wordsep_re: a hyphen ends a chunk after two letters (or
 * letter-hyphen-letter) and before a letter, an optional hyphen, a letter */
static bool hyphen_break(const cps *s, int64_t k) {
  if (s->c[k] != '-' || k + 2 >= s->n + 1) return false;
  bool before = (k >= 2 && is_letter(s->c[k - 1]) && is_letter(s->c[k - 2])) ||
                (k >= 3 && is_letter(s->c[k - 1]) && s->c[k - 2] == '-' && is_letter(s->c[k - 3]));
  if (!before || k + 1 >= s->n || !is_letter(s->c[k + 1])) return false;
  if (k + 2 < s->n && is_letter(s->c[k + 2])) return true;
  return k + 3 < s->n && s->c[k + 2] == '-' && is_letter(s->c[k + 3]);
}

typedef struct chunk {
  int64_t at, len;
} chunk;

static void put_cps(gt_sbuf *b, const uint32_t *c, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    char u[4];
    gt_sbuf_put(b, u, (size_t)gt_utf8_encode(c[i], u));
  }
}

/* textwrap.wrap(text, width) of collapsed text: each line is appended to b
 * with `indent` blanks before all but the first and a newline after each */
static void wrap(gt_sbuf *b, const cps *s, int64_t width, int64_t indent, int64_t first_indent) {
  chunk *ch = gt_xmalloc((size_t)(s->n + 1) * sizeof *ch);
  int64_t nch = 0;
  for (int64_t i = 0; i < s->n;) {
    int64_t j = i + 1;
    if (s->c[i] != ' ')
      while (j < s->n && s->c[j] != ' ' && !hyphen_break(s, j - 1)) j++;
    ch[nch++] = (chunk){i, j - i};
    i = j;
  }
  int64_t next = 0, lines = 0;
  while (next < nch) {
    if (lines && s->c[ch[next].at] == ' ') next++;
    int64_t start = next, cur = 0;
    chunk *extra = NULL;
    chunk rest;
    while (next < nch && cur + ch[next].len <= width) cur += ch[next++].len;
    if (next < nch && ch[next].len > width) {  /* _handle_long_word */
      int64_t left = width - cur < 1 ? 1 : width - cur, end = left;
      chunk c = ch[next];
      int64_t hyphen = -1;
      for (int64_t k = 0; k < left && k < c.len; k++)
        if (s->c[c.at + k] == '-') hyphen = k;
      bool other = false;
      for (int64_t k = 0; k < hyphen; k++) other |= s->c[c.at + k] != '-';
      if (hyphen > 0 && other) end = hyphen + 1;
      rest = (chunk){c.at, end};
      extra = &rest;
      ch[next] = (chunk){c.at + end, c.len - end};
    }
    int64_t stop = next;
    bool trailing = !extra && stop > start && s->c[ch[stop - 1].at] == ' ';
    if (trailing) stop--;
    if (stop > start || extra) {
      gt_sbuf_fill(b, " ", 1, lines ? indent : first_indent);
      for (int64_t k = start; k < stop; k++) put_cps(b, s->c + ch[k].at, ch[k].len);
      if (extra) put_cps(b, s->c + extra->at, extra->len);
      gt_sbuf_putc(b, '\n');
      lines++;
    }
  }
  free(ch);
}

/* ---- help: the parts of HelpFormatter --------------------------------------- */

static int64_t terminal_width(void) {
  const char *env = getenv("COLUMNS");
  long cols = env ? strtol(env, NULL, 10) : 0;
  if (cols <= 0) {
    struct winsize ws;
    cols = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
  }
  return cols - 2;
}

static char *upper(const char *s) {
  char *u = xstrdup(s);
  for (char *q = u; *q; q++) *q = (char)toupper((unsigned char)*q);
  return u;
}

/* _metavar_formatter's one metavar: metavar=, {choices}, or the default */
static char *metavar_of(const arg *a) {
  if (a->metavar) return xstrdup(a->metavar);
  if (a->sub) return subcommand_choices(a->sub);
  if (a->choices) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_putc(&b, '{');
    for (int64_t i = 0; i < a->choices->len; i++) {
      if (i) gt_sbuf_putc(&b, ',');
      put_value(&b, a, a->choices->items[i], a->conv, false);
    }
    gt_sbuf_putc(&b, '}');
    return gt_sbuf_finish_cstr(&b);
  }
  return a->nflags ? upper(a->dest) : xstrdup(a->dest);
}

/* _format_args */
static void format_args(gt_sbuf *b, const arg *a) {
  char *m = metavar_of(a);
  if (a->nargs == NARGS_ONE) gt_sbuf_puts(b, m);
  else if (a->nargs == NARGS_OPTIONAL) gt_sbuf_printf(b, "[%s]", m);
  else if (a->nargs == NARGS_ANY) gt_sbuf_printf(b, "[%s ...]", m);
  else if (a->nargs == NARGS_SOME) gt_sbuf_printf(b, "%s [%s ...]", m, m);
  else if (a->nargs == NARGS_PARSER) gt_sbuf_printf(b, "%s ...", m);
  else
    for (int i = 0; i < a->nargs; i++) gt_sbuf_printf(b, "%s%s", i ? " " : "", m);
  free(m);
}

/* one action's part of the usage line; `grouped`: in a mutually exclusive
 * group that the usage shows as one, whose brackets stand for its own */
static char *usage_part(const arg *a, bool grouped) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (!a->nflags) {
    format_args(&b, a);
    char *part = gt_sbuf_finish_cstr(&b);
    size_t n = strlen(part);
    if (grouped && n >= 2 && part[0] == '[' && part[n - 1] == ']') {  /* `[x]` of nargs='?' becomes `x` */
      memmove(part, part + 1, n - 2);
      part[n - 2] = 0;
    }
    return part;
  }
  bool brackets = !a->required && !grouped;
  if (brackets) gt_sbuf_putc(&b, '[');
  gt_sbuf_puts(&b, a->flags[0]);
  for (int i = 1; a->act == ACT_BOOLEAN && i < a->nflags; i++) gt_sbuf_printf(&b, " | %s", a->flags[i]);
  if (a->nargs != 0) {
    gt_sbuf_putc(&b, ' ');
    format_args(&b, a);
  }
  if (brackets) gt_sbuf_putc(&b, ']');
  return gt_sbuf_finish_cstr(&b);
}

typedef struct strs {
  char **s;
  int n, cap;
} strs;

static void strs_push(strs *l, char *s) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->s = gt_xrealloc(l->s, (size_t)l->cap * sizeof *l->s);
  }
  l->s[l->n++] = s;
}

static void strs_free(strs *l) {
  for (int i = 0; i < l->n; i++) free(l->s[i]);
  free(l->s);
}

/* the usage parts as argparse's part_regexp splits their joined text:
 * `\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+` */
static void split_parts(strs *out, const char *text) {
  size_t n = strlen(text), i = 0;
  while (i < n) {
    while (i < n && isspace((unsigned char)text[i])) i++;
    if (i >= n) break;
    size_t end = 0;
    char open = text[i], close = open == '(' ? ')' : open == '[' ? ']' : 0;
    for (size_t e = i + 1; close && e < n && text[e] != '\n'; e++) {
      if (text[e] != close) continue;
      size_t r = e;
      while (r < n && text[r] == close) r++;
      if (r == n || isspace((unsigned char)text[r])) {
        end = r;
        break;
      }
    }
    if (!end) {
      end = i;
      while (end < n && !isspace((unsigned char)text[end])) end++;
    }
    char *part = gt_xmalloc(end - i + 1);
    memcpy(part, text + i, end - i);
    part[end - i] = 0;
    strs_push(out, part);
    i = end;
  }
}

static void *zeroed(size_t count, size_t size) {
  size_t n = (count ? count : 1) * size;
  return memset(gt_xmalloc(n), 0, n);
}

/* The parser's actions a usage text lists, options first (argparse's
 * optionals + positionals): their indices in p->args, n of them */
static int *usage_actions(const gt_argparser *p, int which, int *n) {
  int *actions = zeroed((size_t)p->nargs, sizeof *actions);
  *n = 0;
  for (int kind = USAGE_OPTIONS; kind <= USAGE_POSITIONALS; kind++)
    for (int i = 0; (which & kind) && i < p->nargs; i++)
      if ((p->args[i].nflags == 0) == (kind == USAGE_POSITIONALS)) actions[(*n)++] = i;
  return actions;
}

/* inserts[at] = text, or inserts[at] += sep + text where it has one */
static void insert_at(char **inserts, int at, const char *sep, const char *text) {
  if (!inserts[at]) {
    inserts[at] = xstrdup(text);
    return;
  }
  size_t n = strlen(inserts[at]);
  inserts[at] = gt_xrealloc(inserts[at], n + strlen(sep) + strlen(text) + 1);
  sprintf(inserts[at] + n, "%s%s", sep, text);
}

/* _format_actions_usage's marks of each mutually exclusive group whose
 * arguments lie together, in their order, among actions[0..n): `[` before
 * the first, `|` between, `]` after (`(` and `)` where it is required),
 * and grouped[] set for those arguments; another group is not marked. */
static void group_marks(const gt_argparser *p, const int *actions, int n, char **inserts, bool *grouped) {
  for (int g = 0; g < p->nmutexes; g++) {
    const mutex_group *m = &p->mutexes[g];
    if (!m->n) gt_fail("ValueError: empty group <argparse._MutuallyExclusiveGroup object>");
    int start = 0;
    while (start < n && actions[start] != m->members[0]) start++;
    bool together = start + m->n <= n;
    for (int k = 0; together && k < m->n; k++) together = actions[start + k] == m->members[k];
    if (!together) continue;
    for (int k = 0; k < m->n; k++) grouped[start + k] = true;
    insert_at(inserts, start, " ", m->required ? "(" : "[");
    insert_at(inserts, start + m->n, "", m->required ? ")" : "]");
    for (int i = start + 1; i < start + m->n; i++) {
      free(inserts[i]);
      inserts[i] = xstrdup("|");
    }
  }
}

static bool is_open(char c) { return c == '[' || c == '('; }
static bool is_close(char c) { return c == ']' || c == ')'; }

/* re.sub(r'([\[(]) ', r'\1', text): no blank after an opening bracket */
static char *no_blank_after_open(const char *t) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (size_t i = 0; t[i]; i++) {
    gt_sbuf_putc(&b, t[i]);
    if (is_open(t[i]) && t[i + 1] == ' ') i++;
  }
  return gt_sbuf_finish_cstr(&b);
}

/* re.sub(r' ([\])])', r'\1', text): no blank before a closing bracket */
static char *no_blank_before_close(const char *t) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (size_t i = 0; t[i]; i++)
    if (t[i] != ' ' || !is_close(t[i + 1])) gt_sbuf_putc(&b, t[i]);
  return gt_sbuf_finish_cstr(&b);
}

/* re.sub(r'[\[(] *[\])]', '', text): brackets with nothing inside gone */
static char *no_empty_brackets(const char *t) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (size_t i = 0; t[i]; i++) {
    size_t j = i + 1;
    while (is_open(t[i]) && t[j] == ' ') j++;
    if (is_open(t[i]) && is_close(t[j])) i = j;
    else gt_sbuf_putc(&b, t[i]);
  }
  return gt_sbuf_finish_cstr(&b);
}

/* re.sub(r'\(([^|]*)\)', r'\1', text): parentheses holding no `|` (a
 * required group of one argument) dropped; the match is greedy, so it ends
 * at the last `)` before the next `|` */
static char *no_bare_parentheses(const char *t) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (size_t i = 0; t[i]; i++) {
    size_t bar = i + 1, close = 0;
    while (t[i] == '(' && t[bar] && t[bar] != '|') bar++;
    for (size_t k = bar; t[i] == '(' && k > i + 1 && !close; k--)
      if (t[k - 1] == ')') close = k - 1;
    if (!close) {
      gt_sbuf_putc(&b, t[i]);
      continue;
    }
    gt_sbuf_put(&b, t + i + 1, close - i - 1);
    i = close;
  }
  return gt_sbuf_finish_cstr(&b);
}

/* _format_actions_usage's clean-up of the joined parts, its re.subs in
 * order, then strip() */
static char *usage_cleanup(char *text) {
  char *(*const passes[])(const char *) = {no_blank_after_open, no_blank_before_close, no_empty_brackets,
                                           no_bare_parentheses};
  for (size_t i = 0; i < sizeof passes / sizeof *passes; i++) {
    char *next = passes[i](text);
    free(text);
    text = next;
  }
  char *s = text;
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) n--;
  memmove(text, s, n);
  text[n] = 0;
  return text;
}

/* _format_actions_usage of the parser's options, positionals or both:
 * each action's part, its group's marks where the group lies together,
 * joined by blanks and cleaned up */
static char *actions_usage(const gt_argparser *p, int which) {
  int n;
  int *actions = usage_actions(p, which, &n);
  char **inserts = zeroed((size_t)n + 1, sizeof *inserts);
  bool *grouped = zeroed((size_t)n + 1, sizeof *grouped);
  group_marks(p, actions, n, inserts, grouped);
  gt_sbuf b;
  gt_sbuf_init(&b);
  bool first = true;
  for (int i = 0; i <= n; i++) {
    char *part = i < n ? usage_part(&p->args[actions[i]], grouped[i]) : NULL;
    for (int k = 0; k < 2; k++) {  /* the marks inserted before the part, then the part */
      const char *item = k ? part : inserts[i];
      if (!item) continue;
      if (!first) gt_sbuf_putc(&b, ' ');
      gt_sbuf_puts(&b, item);
      first = false;
    }
    free(part);
    free(inserts[i]);
  }
  free(actions);
  free(inserts);
  free(grouped);
  return usage_cleanup(gt_sbuf_finish_cstr(&b));
}

/* get_lines of _format_usage: parts joined into lines of text_width */
static void get_lines(strs *lines, strs *parts, int from, int64_t indent, int64_t prefix, int64_t text_width) {
  gt_sbuf line;
  gt_sbuf_init(&line);
  bool any = false, first = true;
  int64_t line_len = (prefix >= 0 ? prefix : indent) - 1;
  for (int i = from; i < parts->n; i++) {
    int64_t len = cp_len(parts->s[i]);
    if (line_len + 1 + len > text_width && any) {
      strs_push(lines, xstrdup(gt_sbuf_cstr(&line)));
      line.len = 0;
      any = false;
      first = false;
      line_len = indent - 1;
    }
    if (!any) gt_sbuf_fill(&line, " ", 1, first && prefix >= 0 ? 0 : indent);
    else gt_sbuf_putc(&line, ' ');
    gt_sbuf_puts(&line, parts->s[i]);
    any = true;
    line_len += len + 1;
  }
  if (any) strs_push(lines, xstrdup(gt_sbuf_cstr(&line)));
  gt_sbuf_free(&line);
}

static char *expand_help(const gt_argparser *p, const arg *a, const char *help);

/* _format_usage: `usage: PROG [-h] ...`, wrapped where too long */
static void format_usage(gt_sbuf *b, const gt_argparser *p, int64_t width) {
  const char *prefix = "usage: ";
  int64_t plen = 7;
  gt_sbuf_puts(b, prefix);
  if (p->usage) {  /* usage % dict(prog=...) */
    char *u = expand_help(p, NULL, p->usage);
    gt_sbuf_printf(b, "%s\n\n", u);
    free(u);
    return;
  }
  char *all = actions_usage(p, USAGE_ALL);
  gt_sbuf whole;
  gt_sbuf_init(&whole);
  gt_sbuf_puts(&whole, p->prog);
  if (*all) gt_sbuf_printf(&whole, " %s", all);
  free(all);
  int64_t text_width = width;
  if (plen + cp_len(gt_sbuf_cstr(&whole)) <= text_width) {
    gt_sbuf_puts(b, gt_sbuf_cstr(&whole));
  } else {  /* options and positionals apart: a group of both is then no group */
    char *opt = actions_usage(p, USAGE_OPTIONS), *pos = actions_usage(p, USAGE_POSITIONALS);
    strs opt_parts = {0}, pos_parts = {0}, lines = {0};
    split_parts(&opt_parts, opt);
    split_parts(&pos_parts, pos);
    int64_t prog_len = cp_len(p->prog);
    if (plen + prog_len <= 0.75 * (double)text_width) {
      int64_t indent = plen + prog_len + 1;
      strs first = {0};
      strs_push(&first, xstrdup(p->prog));
      strs *rest = opt_parts.n ? &opt_parts : &pos_parts;
      for (int i = 0; i < rest->n; i++) strs_push(&first, xstrdup(rest->s[i]));
      get_lines(&lines, &first, 0, indent, plen, text_width);
      if (opt_parts.n) get_lines(&lines, &pos_parts, 0, indent, -1, text_width);
      strs_free(&first);
    } else {
      strs both = {0};
      for (int i = 0; i < opt_parts.n; i++) strs_push(&both, xstrdup(opt_parts.s[i]));
      for (int i = 0; i < pos_parts.n; i++) strs_push(&both, xstrdup(pos_parts.s[i]));
      strs_push(&lines, xstrdup(p->prog));
      strs tried = {0};
      get_lines(&tried, &both, 0, plen, -1, text_width);
      if (tried.n > 1) {
        get_lines(&lines, &opt_parts, 0, plen, -1, text_width);
        get_lines(&lines, &pos_parts, 0, plen, -1, text_width);
      } else {
        for (int i = 0; i < tried.n; i++) strs_push(&lines, xstrdup(tried.s[i]));
      }
      strs_free(&tried);
      strs_free(&both);
    }
    for (int i = 0; i < lines.n; i++) gt_sbuf_printf(b, "%s%s", i ? "\n" : "", lines.s[i]);
    strs_free(&lines);
    strs_free(&opt_parts);
    strs_free(&pos_parts);
    free(opt);
    free(pos);
  }
  gt_sbuf_puts(b, "\n\n");
  gt_sbuf_free(&whole);
}

/* _format_action_invocation */
static char *invocation(const arg *a) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (!a->nflags) {
    char *m = metavar_of(a);
    gt_sbuf_puts(&b, m);
    free(m);
  }
  for (int i = 0; i < a->nflags; i++) {
    if (i) gt_sbuf_puts(&b, ", ");
    gt_sbuf_puts(&b, a->flags[i]);
    if (a->nargs != 0) {
      gt_sbuf_putc(&b, ' ');
      format_args(&b, a);
    }
  }
  return gt_sbuf_finish_cstr(&b);
}

static const char *nargs_text(const arg *a, char *buf) {
  switch (a->nargs) {
  case NARGS_ONE: return "None";
  case NARGS_OPTIONAL: return "?";
  case NARGS_ANY: return "*";
  case NARGS_SOME: return "+";
  case NARGS_PARSER: return "A...";
  default: snprintf(buf, 24, "%d", a->nargs); return buf;
  }
}

/* one %(name)s of _expand_help; false where the name is not an attribute */
static bool help_param(gt_sbuf *b, const gt_argparser *p, const arg *a, const char *name, bool repr) {
  char buf[24];
  if (!strcmp(name, "prog")) gt_sbuf_puts(b, p->prog);
  else if (!a) return false;
  else if (!strcmp(name, "dest")) gt_sbuf_puts(b, a->dest ? a->dest : "==SUPPRESS==");
  else if (!strcmp(name, "default") && a->act == ACT_HELP) gt_sbuf_puts(b, "==SUPPRESS==");
  else if (!strcmp(name, "default")) put_value(b, a, a->dflt, a->ftype, repr);
  else if (!strcmp(name, "type")) gt_sbuf_puts(b, a->act == ACT_STORE || a->act == ACT_APPEND ? gt_type_name(a->conv) : "None");
  else if (!strcmp(name, "metavar")) gt_sbuf_puts(b, a->metavar ? a->metavar : "None");
  else if (!strcmp(name, "required")) gt_sbuf_puts(b, a->required ? "True" : "False");
  else if (!strcmp(name, "nargs")) gt_sbuf_puts(b, nargs_text(a, buf));
  else if (!strcmp(name, "choices") && !a->choices) gt_sbuf_puts(b, "None");
  else if (!strcmp(name, "choices"))
    for (int64_t i = 0; i < a->choices->len; i++) {
      if (i) gt_sbuf_puts(b, ", ");
      put_value(b, a, a->choices->items[i], a->conv, false);
    }
  else return false;
  return true;
}

/* help % params: %(name)s, %(name)r, %(name)d, %% */
static char *expand_help(const gt_argparser *p, const arg *a, const char *help) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (const char *s = help; *s; s++) {
    if (*s != '%') {
      gt_sbuf_putc(&b, *s);
      continue;
    }
    if (s[1] == '%') {
      gt_sbuf_putc(&b, '%');
      s++;
      continue;
    }
    const char *close = s[1] == '(' ? strchr(s + 2, ')') : NULL;
    char conv = close ? close[1] : 0;
    if (!close || (conv != 's' && conv != 'r' && conv != 'd')) gt_fail("ValueError: badly formed help string");
    char *name = gt_xmalloc((size_t)(close - s - 1));
    memcpy(name, s + 2, (size_t)(close - s - 2));
    name[close - s - 2] = 0;
    if (!help_param(&b, p, a, name, conv == 'r')) gt_fail("KeyError: '%s'", name);
    free(name);
    s = close + 1;
  }
  return gt_sbuf_finish_cstr(&b);
}

/* _get_help_string: ArgumentDefaultsHelpFormatter adds the default to an
 * option's help (a positional's where its nargs is '?' or '*') */
static char *help_string(const gt_argparser *p, const arg *a) {
  const char *help = a->help->data;
  bool shown = a->nflags || a->nargs == NARGS_OPTIONAL || a->nargs == NARGS_ANY;
  if (!p->format.defaults || strstr(help, "%(default)") || a->act == ACT_HELP || !shown) return xstrdup(help);
  size_t n = strlen(help);
  char *joined = gt_xmalloc(n + 32);
  memcpy(joined, help, n);
  strcpy(joined + n, " (default: %(default)s)");
  return joined;
}

/* RawTextHelpFormatter's help: text.splitlines(), each line but the first
 * at `indent` */
static void put_lines(gt_sbuf *b, const char *text, int64_t indent, int64_t first_indent) {
  bool first = true;
  while (*text) {
    size_t n = strcspn(text, "\n\r");
    gt_sbuf_fill(b, " ", 1, first ? first_indent : indent);
    gt_sbuf_put(b, text, n);
    gt_sbuf_putc(b, '\n');
    first = false;
    text += n;
    if (*text == '\r' && text[1] == '\n') text++;
    if (*text) text++;
  }
}

/* _format_action: the invocation at `indent`, then its help from
 * help_position on; then a subparsers action's rows, indented further */
static void format_action(gt_sbuf *b, const gt_argparser *p, const arg *a, int64_t width, int64_t max_len,
                          int64_t indent) {
  int64_t max_help = width - 20 < 4 ? 4 : width - 20;
  if (max_help > 24) max_help = 24;
  int64_t help_position = max_len + 2 < max_help ? max_len + 2 : max_help;
  int64_t help_width = width - help_position > 11 ? width - help_position : 11;
  int64_t action_width = help_position - indent - 2;
  char *header = invocation(a);
  int64_t first_indent = 0;
  gt_sbuf_fill(b, " ", 1, indent);
  if (!a->help) {
    gt_sbuf_printf(b, "%s\n", header);
  } else if (cp_len(header) <= action_width) {
    gt_sbuf_puts(b, header);
    gt_sbuf_fill(b, " ", 1, action_width - cp_len(header) + 2);
  } else {
    gt_sbuf_printf(b, "%s\n", header);
    first_indent = help_position;
  }
  if (a->help) {
    cps help = collapse(a->help->data);
    if (help.n) {
      char *raw = help_string(p, a), *text = expand_help(p, a, raw);
      free(raw);
      if (p->format.raw_text) {
        put_lines(b, text, help_position, first_indent);
      } else {
        cps expanded = collapse(text);
        wrap(b, &expanded, help_width, help_position, first_indent);
        free(expanded.c);
      }
      free(text);
    } else {
      gt_sbuf_putc(b, '\n');
    }
    free(help.c);
  }
  free(header);
  for (int i = 0; a->sub && i < a->sub->nrows; i++) format_action(b, p, &a->sub->rows[i], width, max_len, indent + 2);
}

/* _format_text of the description or the epilog */
static void format_text(gt_sbuf *b, const gt_argparser *p, const gt_str *text, int64_t width) {
  char *t = strstr(text->data, "%(prog)") ? expand_help(p, NULL, text->data) : xstrdup(text->data);
  if (p->format.raw_description) {  /* the lines as written */
    gt_sbuf_puts(b, t);
    gt_sbuf_puts(b, "\n\n");
    free(t);
    return;
  }
  cps s = collapse(t);
  wrap(b, &s, width > 11 ? width : 11, 0, 0);
  gt_sbuf_puts(b, "\n");
  free(s.c);
  free(t);
}

/* Is the action in the section: the titled group's (group >= 0), else
 * "positional arguments" or "options" by its kind */
static bool in_section(const arg *a, int group, bool positional) {
  return group >= 0 ? a->section == group : a->section < 0 && (a->nflags == 0) == positional;
}

/* a section's description: _format_text at the section's indent */
static void format_section_text(gt_sbuf *b, const gt_argparser *p, const gt_str *text, int64_t width) {
  char *t = strstr(text->data, "%(prog)") ? expand_help(p, NULL, text->data) : xstrdup(text->data);
  if (p->format.raw_description) {  /* each line at the section's indent */
    put_lines(b, t, 2, 2);
  } else {  /* textwrap.fill(text, width - 2, indents of 2) */
    cps c = collapse(t);
    wrap(b, &c, (width - 2 > 11 ? width - 2 : 11) - 2, 2, 2);
    free(c.c);
  }
  gt_sbuf_putc(b, '\n');
  free(t);
}

/* a section: `heading:` (none where the group has no title), the group's
 * description, its actions; nothing where it has neither of the last two */
static void format_section(gt_sbuf *b, const gt_argparser *p, const char *heading, const gt_str *text, int group,
                           bool positional, int64_t width, int64_t max_len) {
  bool any = false;
  for (int i = 0; i < p->nargs; i++) any |= in_section(&p->args[i], group, positional);
  if (!any && !text) return;
  gt_sbuf_putc(b, '\n');
  if (heading) gt_sbuf_printf(b, "%s:\n", heading);
  if (text) format_section_text(b, p, text, width);
  for (int i = 0; i < p->nargs; i++)
    if (in_section(&p->args[i], group, positional)) format_action(b, p, &p->args[i], width, max_len, 2);
  gt_sbuf_puts(b, "\n");
}

/* The formatter's text as format_help ends it: runs of 3+ newlines made 2,
 * newlines stripped from both ends, one newline after. */
static gt_str *finish_help(gt_sbuf *b) {
  const char *t = gt_sbuf_cstr(b);
  gt_sbuf out;
  gt_sbuf_init(&out);
  while (*t == '\n') t++;
  size_t n = strlen(t);
  while (n && t[n - 1] == '\n') n--;
  for (size_t i = 0; i < n; i++) {
    if (t[i] == '\n' && i + 2 < n && t[i + 1] == '\n' && t[i + 2] == '\n') continue;
    gt_sbuf_putc(&out, t[i]);
  }
  gt_sbuf_putc(&out, '\n');
  gt_sbuf_free(b);
  return gt_sbuf_finish(&out);
}

gt_str *gt_argparser_format_usage(gt_argparser *p) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  format_usage(&b, p, terminal_width());
  return finish_help(&b);
}

gt_str *gt_argparser_format_help(gt_argparser *p) {
  int64_t width = terminal_width(), max_len = 0;
  for (int i = 0; i < p->nargs; i++) {  /* a subparsers action's rows count at its indent, as argparse's */
    const arg *a = &p->args[i];
    for (int r = -1; r < (a->sub ? a->sub->nrows : 0); r++) {
      char *inv = invocation(r < 0 ? a : &a->sub->rows[r]);
      if (cp_len(inv) + 2 > max_len) max_len = cp_len(inv) + 2;
      free(inv);
    }
  }
  gt_sbuf b;
  gt_sbuf_init(&b);
  format_usage(&b, p, width);
  if (p->description) format_text(&b, p, p->description, width);
  format_section(&b, p, "positional arguments", NULL, -1, true, width, max_len);
  format_section(&b, p, "options", NULL, -1, false, width, max_len);
  for (int g = 0; g < p->nsections; g++)  /* the titled groups, in the order made */
    format_section(&b, p, p->sections[g].title, p->sections[g].description, g, false, width, max_len);
  if (p->epilog) format_text(&b, p, p->epilog, width);
  return finish_help(&b);
}

void gt_argparser_print_help(gt_argparser *p) {
  gt_str *s = gt_argparser_format_help(p);
  gt_textio_write(gt_sys_stdout, s);
  gt_release(s);
}

static void print_usage_to(gt_argparser *p, bool err) {
  gt_str *s = gt_argparser_format_usage(p);
  gt_textio_write(err ? gt_sys_stderr : gt_sys_stdout, s);
  gt_release(s);
}

void gt_argparser_print_usage(gt_argparser *p) { print_usage_to(p, false); }

GT_NORETURN static void fail_text(gt_argparser *p, const char *message) {
  fflush(stdout);  /* what the program printed comes first */
  print_usage_to(p, true);
  fprintf(stderr, "%s: error: %s\n", p->prog, message);
  fflush(stderr);
  gt_sys_exit(2);
  abort();
}

void gt_argparser_error(gt_argparser *p, const gt_str *message) { fail_text(p, message->data); }

/* _get_action_name */
static char *action_name(const arg *a) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (int i = 0; i < a->nflags; i++) gt_sbuf_printf(&b, "%s%s", i ? "/" : "", a->flags[i]);
  if (!a->nflags) {
    char *m = a->metavar ? xstrdup(a->metavar) : a->dest ? xstrdup(a->dest) : subcommand_choices(a->sub);
    gt_sbuf_puts(&b, m);
    free(m);
  }
  return gt_sbuf_finish_cstr(&b);
}

/* ArgumentError(action, message): `argument NAME: MESSAGE` */
static void fail_arg(gt_argparser *p, const arg *a, const char *fmt, ...) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (a) {
    char *name = action_name(a);
    gt_sbuf_printf(&b, "argument %s: ", name);
    free(name);
  }
  va_list ap;
  va_start(ap, fmt);
  gt_sbuf_vprintf(&b, fmt, ap);
  va_end(ap);
  fail_text(p, gt_sbuf_cstr(&b));
}

/* ---- parsing, as _parse_known_args ------------------------------------------ */

typedef struct option {   /* option_string_indices[i] */
  arg *a;                 /* NULL: an unknown option */
  char *flag;
  char *explicit_arg;     /* NULL for none */
} option;

typedef struct state {
  gt_argparser *p;
  const char **argv;
  int argc;
  char *pattern;          /* 'O', 'A' or '-' per argument string */
  option *opts;
  gt_namespace *ns;
  bool *seen;
  bool *present;          /* seen_non_default_actions: given a value not its default */
  strs extras;
  strs sub_extras;        /* what the subcommand's parser did not know, after extras */
  const char *flag;       /* the option string of the action taken (--no-amp) */
} state;

static arg *find_flag(gt_argparser *p, const char *s, size_t n) {
  for (int i = 0; i < p->nargs; i++)
    for (int j = 0; j < p->args[i].nflags; j++)
      if (strlen(p->args[i].flags[j]) == n && !strncmp(p->args[i].flags[j], s, n)) return &p->args[i];
  return NULL;
}

static bool negative_number(const char *s) {  /* ^-\d+$|^-\d*\.\d+$ */
  if (*s++ != '-') return false;
  const char *d = s;
  while (isdigit((unsigned char)*s)) s++;
  if (!*s) return s > d;
  if (*s++ != '.' || !isdigit((unsigned char)*s)) return false;
  while (isdigit((unsigned char)*s)) s++;
  return !*s;
}

static option opt_of(arg *a, const char *flag, size_t n, const char *explicit_arg) {
  char *f = gt_xmalloc(n + 1);
  memcpy(f, flag, n);
  f[n] = 0;
  return (option){a, f, explicit_arg ? xstrdup(explicit_arg) : NULL};
}

/* _get_option_tuples: abbreviations of long options, `-bVALUE` */
static int option_tuples(state *st, const char *s, option *found) {
  gt_argparser *p = st->p;
  int n = 0;
  const char *eq = strchr(s, '=');
  bool long_opt = s[1] == '-';
  size_t plen = long_opt && eq ? (size_t)(eq - s) : strlen(s);
  for (int i = 0; i < p->nargs; i++)
    for (int j = 0; j < p->args[i].nflags; j++) {
      const char *f = p->args[i].flags[j];
      if (!long_opt && strlen(f) == 2 && !strncmp(f, s, 2)) {
        if (n < 2) found[n] = opt_of(&p->args[i], f, 2, s + 2);
        n++;
      } else if (!strncmp(f, s, plen)) {
        if (n < 2) found[n] = opt_of(&p->args[i], f, strlen(f), long_opt && eq ? eq + 1 : NULL);
        n++;
      }
    }
  return n;
}

/* _parse_optional: is the string an option, and which */
static bool parse_optional(state *st, const char *s, option *o) {
  if (s[0] != '-' || !s[1]) return false;
  arg *a = find_flag(st->p, s, strlen(s));
  if (a) {
    *o = opt_of(a, s, strlen(s), NULL);
    return true;
  }
  const char *eq = strchr(s, '=');
  if (eq && (a = find_flag(st->p, s, (size_t)(eq - s)))) {
    *o = opt_of(a, s, (size_t)(eq - s), eq + 1);
    return true;
  }
  option found[2];
  int n = option_tuples(st, s, found);
  if (n > 1) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_printf(&b, "ambiguous option: %s could match ", s);
    n = 0;
    for (int i = 0; i < st->p->nargs; i++)  /* every match, named again in order */
      for (int j = 0; j < st->p->args[i].nflags; j++) {
        const char *f = st->p->args[i].flags[j];
        const char *q = strchr(s, '=');
        size_t plen = s[1] == '-' && q ? (size_t)(q - s) : strlen(s);
        bool match = s[1] != '-' && strlen(f) == 2 ? !strncmp(f, s, 2) : !strncmp(f, s, plen);
        if (match) gt_sbuf_printf(&b, "%s%s", n++ ? ", " : "", f);
      }
    fail_text(st->p, gt_sbuf_cstr(&b));
  }
  if (n == 1) {
    *o = found[0];
    return true;
  }
  if (negative_number(s)) return false;
  if (strchr(s, ' ')) return false;
  *o = opt_of(NULL, s, strlen(s), NULL);
  return true;
}

/* the nargs pattern as atoms: 'd' -*, 'a' A, 'o' A?, 's' [A-]*, 't' [A]*,
 * 'r' [-AO]* */
static int nargs_atoms(const arg *a, char *at) {
  bool pos = a->nflags == 0;
  int n = 0;
  if (pos) at[n++] = 'd';
  switch (a->nargs) {
  case NARGS_ONE: at[n++] = 'a'; break;
  case NARGS_OPTIONAL: at[n++] = 'o'; break;
  case NARGS_ANY: at[n++] = pos ? 's' : 't'; break;
  case NARGS_SOME: at[n++] = 'a'; at[n++] = pos ? 's' : 't'; break;
  case NARGS_PARSER: at[n++] = 'a'; at[n++] = 'r'; return n;  /* -*A[-AO]* */
  default:
    for (int i = 0; i < a->nargs; i++) {
      at[n++] = 'a';
      if (pos) at[n++] = 'd';
    }
    if (pos && a->nargs == 0) at[n++] = 'd';
    return n;
  }
  if (pos && a->nargs != NARGS_ANY && a->nargs != NARGS_SOME) at[n++] = 'd';
  return n;
}

/* Does a repeated atom ('d', 's', 't', 'r') take the pattern's char c? */
static bool atom_takes(char atom, char c) {
  switch (atom) {
  case 'd': return c == '-';
  case 's': return c == 'A' || c == '-';
  case 'r': return c == 'A' || c == '-' || c == 'O';
  default: return c == 'A';
  }
}

/* a regular expression's greedy match of the atoms at pat[pos...];
 * ends[i] the position after atom i on the match found */
static bool match_atoms(const char *at, int n, const char *pat, int pos, int *ends) {
  if (n == 0) return true;
  int run = 0;
  switch (at[0]) {
  case 'a':
    if (pat[pos] != 'A') return false;
    ends[0] = pos + 1;
    return match_atoms(at + 1, n - 1, pat, pos + 1, ends + 1);
  case 'o':
    if (pat[pos] == 'A' && (ends[0] = pos + 1, match_atoms(at + 1, n - 1, pat, pos + 1, ends + 1))) return true;
    ends[0] = pos;
    return match_atoms(at + 1, n - 1, pat, pos, ends + 1);
  default:
    while (pat[pos + run] && atom_takes(at[0], pat[pos + run])) run++;
    for (; run >= 0; run--) {
      ends[0] = pos + run;
      if (match_atoms(at + 1, n - 1, pat, pos + run, ends + 1)) return true;
    }
    return false;
  }
}

static int match_count(const arg *a, const char *pat) {
  char at[2 * 64 + 4];
  int ends[2 * 64 + 4];
  if (a->nargs > 64) gt_fail("ValueError: nargs above 64");
  int n = nargs_atoms(a, at);
  if (!match_atoms(at, n, pat, 0, ends)) return -1;
  return n ? ends[n - 1] : 0;
}

/* _match_argument: the count of strings the option takes, or its error */
static int match_argument(state *st, const arg *a, const char *pat) {
  int n = match_count(a, pat);
  if (n >= 0) return n;
  if (a->nargs == NARGS_ONE) fail_arg(st->p, a, "expected one argument");
  if (a->nargs == NARGS_OPTIONAL) fail_arg(st->p, a, "expected at most one argument");
  if (a->nargs == NARGS_SOME || a->nargs == NARGS_PARSER) fail_arg(st->p, a, "expected at least one argument");
  fail_arg(st->p, a, "expected %d argument%s", a->nargs, a->nargs == 1 ? "" : "s");
}

static gt_val get_values(state *st, const arg *a, const char **kept, int k);
static void call_subcommand(state *st, const arg *a, const char **strings, int n);

/* None of the type t, whether or not the field takes None */
static bool none_of(gt_val v, const gt_type *t) {
  if (gt_type_is_ref(t)) return v.p == NULL;
  if (t->kind == GT_K_INT) return v.i == GT_NONE_INT;
  return t->kind == GT_K_FLOAT && gt_float_is_none(v.f);
}

/* Are an option's const and default one object? Both None, or equal
 * constants of one type (Python makes equal constants of a code one
 * object); never a list default and its append's const. */
static bool const_is_default(const arg *a) {
  bool const_none = none_of(a->cnst, a->conv), default_none = none_of(a->dflt, a->ftype);
  if (const_none || default_none) return const_none && default_none;
  return a->act == ACT_STORE && a->ftype->kind == a->conv->kind && gt_val_eq(a->cnst, a->dflt, a->conv);
}

/* Is the value of a store or an append (k strings) the action's default
 * object itself? argparse's take_action asks by identity (a value that is
 * its default does not count as given), so only what CPython shares is:
 * a positional's default where no string is left for it, an option's
 * const that is its default, and an int of CPython's small-int cache
 * (-5..256) equal to an int default. */
static bool value_is_default(const arg *a, int k, gt_val v) {
  if (k == 0 && a->nargs == NARGS_OPTIONAL) return !a->nflags || const_is_default(a);
  if (k == 0 && a->nargs == NARGS_ANY && !a->nflags) return a->dflt.p != NULL;
  bool single = k == 1 && (a->nargs == NARGS_ONE || a->nargs == NARGS_OPTIONAL);
  return single && a->act == ACT_STORE && a->conv->kind == GT_K_INT && a->ftype->kind == GT_K_INT &&
         !is_none(a, a->dflt, a->ftype) && v.i == a->dflt.i && v.i >= -5 && v.i <= 256;
}

/* take_action's check of a value not the default: the action is now
 * present, and a member of its mutually exclusive group present before
 * it is an error, `argument --b: not allowed with argument --a` */
static void note_present(state *st, const arg *a) {
  st->present[a - st->p->args] = true;
  const mutex_group *m = a->mutex >= 0 ? &st->p->mutexes[a->mutex] : NULL;
  for (int k = 0; m && k < m->n; k++) {
    const arg *other = &st->p->args[m->members[k]];
    if (other == a || !st->present[m->members[k]]) continue;
    char *name = action_name(a), *other_name = action_name(other);
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_printf(&b, "argument %s: not allowed with argument %s", name, other_name);
    free(name);
    free(other_name);
    fail_text(st->p, gt_sbuf_cstr(&b));
  }
}

/* an action of no strings: help, store_true, store_const, count... */
static void take_flag_action(state *st, arg *a) {
  switch (a->act) {
  case ACT_HELP:
    gt_argparser_print_help(st->p);
    gt_sys_exit(0);
    return;
  case ACT_TRUE: case ACT_FALSE:
    store(st->ns, a, (gt_val){.b = a->act == ACT_TRUE});
    return;
  case ACT_BOOLEAN:
    store(st->ns, a, (gt_val){.b = strncmp(st->flag, "--no-", 5) != 0});
    return;
  case ACT_CONST:
    store(st->ns, a, gt_val_retain(a->cnst, a->conv));
    return;
  case ACT_COUNT: {
    int64_t was = st->ns->types[a->field] ? st->ns->vals[a->field].i : GT_NONE_INT;
    store(st->ns, a, (gt_val){.i = was == GT_NONE_INT ? 1 : was + 1});
    return;
  }
  default: return;
  }
}

/* take_action: the strings become the field's value, by the action */
static void take_action(state *st, arg *a, const char **strings, int n) {
  gt_argparser *p = st->p;
  st->seen[a - p->args] = true;
  const char *kept[n ? n : 1];  /* the strings but the first "--", as _get_values strips it */
  int k = 0;
  bool dropped = false;
  for (int i = 0; i < n; i++) {
    if (!dropped && !strcmp(strings[i], "--")) dropped = true;
    else kept[k++] = strings[i];
  }
  if (a->act == ACT_PARSERS) {  /* the strings as given, "--" too */
    call_subcommand(st, a, strings, n);
    return;
  }
  if (a->act != ACT_STORE && a->act != ACT_APPEND) {
    note_present(st, a);  /* argparse's value of an action of no strings, [], is never its default */
    take_flag_action(st, a);
    return;
  }
  gt_val v = get_values(st, a, kept, k);
  if (!value_is_default(a, k, v)) note_present(st, a);
  if (a->act == ACT_APPEND) {  /* a copy of the list so far, or of the default, and the value */
    gt_list *was = st->ns->types[a->field] ? st->ns->vals[a->field].p : NULL;
    gt_list *l = gt_list_new(a->ftype, 0);
    for (int64_t i = 0; was && i < was->len; i++) gt_list_append(l, was->items[i]);
    gt_list_append(l, v);
    gt_val_release(v, a->ftype->args[0]);
    v.p = l;
  }
  store(st->ns, a, v);
}

/* _get_values: the strings as the value of a store or an append, a new
 * reference */
static gt_val get_values(state *st, const arg *a, const char **kept, int k) {
  gt_argparser *p = st->p;
  gt_val v;
  bool list = a->nargs == NARGS_ANY || a->nargs == NARGS_SOME || a->nargs >= 0;
  if (!k && a->nargs == NARGS_OPTIONAL) {
    v = gt_val_retain(a->nflags ? a->cnst : a->dflt, a->conv);
    if (a->conv == &gt_t_str && v.p) check_choice(p, a, v);  /* a str default is parsed as given */
  } else if (!k && a->nargs == NARGS_ANY && !a->nflags) {
    bool none = !a->dflt.p;  /* default None: the empty list of strings */
    v = none ? (gt_val){.p = gt_list_new(a->ftype, 0)} : gt_val_retain(a->dflt, a->ftype);
    if (a->choices) fail_choice(p, a, v, a->ftype);  /* the list itself is not among the choices: argparse's error */
  } else if (!list) {
    v = convert(p, a, kept[0]);
    check_choice(p, a, v);
    if (a->ftype->kind == GT_K_NUM)  /* an int | float field: `type=float, default=2` */
      v.i = a->conv->kind == GT_K_INT ? gt_num_int(v.i) : gt_num_float(v.f);
  } else {
    const gt_type *lt = a->act == ACT_APPEND ? a->ftype->args[0] : a->ftype;
    gt_list *l = gt_list_new(lt, k);
    for (int i = 0; i < k; i++) {
      gt_val item = convert(p, a, kept[i]);
      gt_list_append(l, item);
      gt_val_release(item, a->conv);
    }
    for (int i = 0; i < k; i++) check_choice(p, a, l->items[i]);
    v.p = l;
  }
  return v;
}

/* consume_optional */
static int consume_optional(state *st, int start) {
  option o = st->opts[start];
  arg *a = o.a;
  const char *flag = o.flag, *explicit_arg = o.explicit_arg;
  char short_flag[8] = {0};
  if (!a) {
    strs_push(&st->extras, xstrdup(st->argv[start]));
    return start + 1;
  }
  for (;;) {
    st->flag = flag;
    if (!explicit_arg) {
      int n = match_argument(st, a, st->pattern + start + 1);
      take_action(st, a, st->argv + start + 1, n);
      return start + 1 + n;
    }
    int n = match_count(a, "A");
    if (n == 0 && flag[1] != '-' && *explicit_arg) {  /* -xyz: the flags -x -y -z */
      take_action(st, a, NULL, 0);
      snprintf(short_flag, sizeof short_flag, "-%c", explicit_arg[0]);
      arg *next = find_flag(st->p, short_flag, 2);
      if (!next) fail_arg(st->p, a, "ignored explicit argument %s", str_repr(explicit_arg));
      a = next;
      flag = short_flag;
      explicit_arg = explicit_arg[1] ? explicit_arg + 1 : NULL;
    } else if (n == 1) {
      take_action(st, a, &explicit_arg, 1);
      return start + 1;
    } else {
      fail_arg(st->p, a, "ignored explicit argument %s", str_repr(explicit_arg));
    }
  }
}

/* consume_positionals: as many of the positionals left as match */
static int consume_positionals(state *st, int start, int *next_pos) {
  gt_argparser *p = st->p;
  int idx[p->nargs ? p->nargs : 1], npos = 0;
  for (int i = 0; i < p->nargs; i++)
    if (!p->args[i].nflags) idx[npos++] = i;
  for (int count = npos - *next_pos; count > 0; count--) {  /* _match_arguments_partial */
    char at[(2 * 64 + 4) * count];
    int ends[(2 * 64 + 4) * count], bounds[count];
    int n = 0;
    for (int j = 0; j < count; j++) {
      n += nargs_atoms(&p->args[idx[*next_pos + j]], at + n);
      bounds[j] = n;
    }
    if (!match_atoms(at, n, st->pattern + start, 0, ends)) continue;
    int from = 0;
    for (int j = 0; j < count; j++) {
      int to = ends[bounds[j] - 1];
      take_action(st, &p->args[idx[*next_pos + j]], st->argv + start + from, to - from);
      from = to;
    }
    *next_pos += count;
    return start + from;
  }
  return start;
}

static void defaults(state *st) {
  for (int i = 0; i < st->p->nargs; i++) {
    arg *a = &st->p->args[i];
    if (a->act != ACT_HELP && a->field >= 0 && !st->ns->types[a->field])
      store(st->ns, a, gt_val_retain(a->dflt, a->ftype));
  }
  for (int i = 0; i < st->p->ndefaults; i++) {  /* set_defaults of a dest no argument has */
    arg *d = &st->p->defaults[i];
    if (!st->ns->types[d->field]) store(st->ns, d, gt_val_retain(d->dflt, d->ftype));
  }
}

/* Each required mutually exclusive group had a member present, or `one of
 * the arguments --a --b is required` */
static void required_groups_given(state *st) {
  for (int g = 0; g < st->p->nmutexes; g++) {
    const mutex_group *m = &st->p->mutexes[g];
    bool given = !m->required;
    for (int k = 0; k < m->n; k++) given |= st->present[m->members[k]];
    if (given) continue;
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_puts(&b, "one of the arguments");
    for (int k = 0; k < m->n; k++) {
      char *name = action_name(&st->p->args[m->members[k]]);
      gt_sbuf_printf(&b, " %s", name);
      free(name);
    }
    gt_sbuf_puts(&b, m->n ? " is required" : "  is required");
    fail_text(st->p, gt_sbuf_cstr(&b));
  }
}

static void parse(state *st) {
  int argc = st->argc, next_pos = 0;
  st->pattern = gt_xmalloc((size_t)argc + 1);
  st->opts = gt_xmalloc((size_t)(argc ? argc : 1) * sizeof *st->opts);
  int last_opt = -1;
  for (int i = 0; i < argc; i++) {
    st->opts[i] = (option){0};
    if (!strcmp(st->argv[i], "--")) {
      st->pattern[i] = '-';
      for (i++; i < argc; i++) st->opts[i] = (option){0}, st->pattern[i] = 'A';
      break;
    }
    bool is_opt = parse_optional(st, st->argv[i], &st->opts[i]);
    st->pattern[i] = is_opt ? 'O' : 'A';
    if (is_opt) last_opt = i;
  }
  st->pattern[argc] = 0;
  int start = 0;
  while (start <= last_opt) {
    int next_opt = start;
    while (st->pattern[next_opt] != 'O' || !st->opts[next_opt].flag) next_opt++;
    if (start != next_opt) {
      int end = consume_positionals(st, start, &next_pos);
      if (end > start) {
        start = end;
        continue;
      }
      start = end;
    }
    if (st->pattern[start] != 'O' || !st->opts[start].flag) {
      for (int i = start; i < next_opt; i++) strs_push(&st->extras, xstrdup(st->argv[i]));
      start = next_opt;
    }
    start = consume_optional(st, start);
  }
  int stop = consume_positionals(st, start, &next_pos);
  for (int i = stop; i < argc; i++) strs_push(&st->extras, xstrdup(st->argv[i]));
  gt_sbuf missing;
  gt_sbuf_init(&missing);
  for (int i = 0; i < st->p->nargs; i++) {
    arg *a = &st->p->args[i];
    if (st->seen[i] || !a->required) continue;
    char *name = action_name(a);
    gt_sbuf_printf(&missing, "%s%s", missing.len ? ", " : "", name);
    free(name);
  }
  if (missing.len) {
    char *m = gt_sbuf_finish_cstr(&missing);
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_printf(&b, "the following arguments are required: %s", m);
    free(m);  /* fail_text does not return: nothing but b may be left */
    fail_text(st->p, gt_sbuf_cstr(&b));
  }
  gt_sbuf_free(&missing);
  required_groups_given(st);
}

/* _parse_known_args of the strings argv[0..argc): the namespace, and the
 * strings no argument took appended to extras (new C strings) */
static gt_namespace *parse_strings(gt_argparser *p, const char **argv, int argc, strs *extras) {
  state st = {.p = p, .argc = argc, .argv = argv};
  st.ns = namespace_new(p->nfields);
  st.seen = gt_xmalloc((size_t)(p->nargs ? p->nargs : 1) * sizeof *st.seen);
  memset(st.seen, 0, (size_t)(p->nargs ? p->nargs : 1) * sizeof *st.seen);
  st.present = zeroed((size_t)p->nargs, sizeof *st.present);
  defaults(&st);
  parse(&st);
  for (int i = 0; i < st.extras.n; i++) strs_push(extras, st.extras.s[i]);
  for (int i = 0; i < st.sub_extras.n; i++) strs_push(extras, st.sub_extras.s[i]);
  for (int i = 0; i < argc; i++) {
    free(st.opts[i].flag);
    free(st.opts[i].explicit_arg);
  }
  free(st.opts);
  free(st.pattern);
  free(st.seen);
  free(st.present);
  free(st.extras.s);
  free(st.sub_extras.s);
  return st.ns;
}

/* _SubParsersAction.__call__: the name picks the parser, which reads the
 * strings after it into a namespace of its own; what that sets is set
 * here, and what it did not know is left over, after this parser's own. */
static void call_subcommand(state *st, const arg *a, const char **strings, int n) {
  const gt_subparsers *s = a->sub;
  int i = 0;
  while (i < s->n && strcmp(s->names[i], strings[0]) != 0) i++;
  if (i == s->n) {  /* _check_value of the name: the choices are the names */
    gt_sbuf b;
    gt_sbuf_init(&b);
    for (int k = 0; k < s->n; k++) {
      char *r = str_repr(s->names[k]);
      gt_sbuf_printf(&b, "%s%s", k ? ", " : "", r);
      free(r);
    }
    fail_arg(st->p, a, "invalid choice: %s (choose from %s)", str_repr(strings[0]), gt_sbuf_cstr(&b));
  }
  if (a->field >= 0) store(st->ns, a, (gt_val){.p = gt_str_from_cstr(strings[0])});
  gt_namespace *sub = parse_strings(s->parsers[i], strings + 1, n - 1, &st->sub_extras);
  for (int64_t k = 0; k < sub->norder; k++) {
    int64_t f = sub->order[k];
    gt_namespace_set(st->ns, f, sub->names[f], sub->types[f], sub->optional[f], sub->vals[f]);
  }
  gt_release(sub);
}

static gt_namespace *parse_args(gt_argparser *p, const gt_list *args, gt_list *unknown);

gt_namespace *gt_argparser_parse(gt_argparser *p, const gt_list *args) { return parse_args(p, args, NULL); }

gt_tuple *gt_argparser_parse_known(gt_argparser *p, const gt_list *args) {
  static const gt_type *const items[] = {&gt_t_obj, &gt_t_list_str};
  static const gt_type pair = {GT_K_TUPLE, 2, items, NULL};
  gt_list *unknown = gt_list_new(&gt_t_list_str, 0);
  gt_namespace *ns = parse_args(p, args, unknown);
  gt_tuple *t = gt_tuple_of(&pair, (gt_val){.p = ns}, (gt_val){.p = unknown});
  gt_release(ns);
  gt_release(unknown);
  return t;
}

/* parse_known_args; parse_args where `unknown` is NULL: then what is left
 * over is an error */
static gt_namespace *parse_args(gt_argparser *p, const gt_list *args, gt_list *unknown) {
  const gt_list *l = args ? args : gt_sys_argv;
  int from = args ? 0 : 1, argc = l && l->len > from ? (int)(l->len - from) : 0;
  const char **argv = gt_xmalloc((size_t)(argc ? argc : 1) * sizeof *argv);
  for (int i = 0; i < argc; i++) argv[i] = ((gt_str *)l->items[from + i].p)->data;
  strs extras = {0};
  gt_namespace *ns = parse_strings(p, argv, argc, &extras);
  free(argv);
  for (int i = 0; unknown && i < extras.n; i++) {
    gt_str *s = gt_str_from_cstr(extras.s[i]);
    gt_list_append(unknown, (gt_val){.p = s});
    gt_release(s);
  }
  if (extras.n && !unknown) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_puts(&b, "unrecognized arguments:");
    for (int i = 0; i < extras.n; i++) gt_sbuf_printf(&b, " %s", extras.s[i]);
    fail_text(p, gt_sbuf_cstr(&b));
  }
  strs_free(&extras);
  return ns;
}
