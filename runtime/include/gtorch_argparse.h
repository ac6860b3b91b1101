/* gtorch_argparse.h - the command line as Python 3.11's argparse reads it.
 *
 * Pure C11. A parser holds the arguments the program's add_argument calls
 * declared; parse_args reads sys.argv[1:] (or a list of str) into a
 * Namespace, a row of typed slots, one per field the compiler found among
 * the program's add_argument calls (docs/internals.md, "Namespace fields").
 * `-h` prints the help as argparse's HelpFormatter writes it (usage wrapped
 * at the terminal's width less 2, $COLUMNS first) and exits 0; an error
 * prints the usage and `PROG: error: MESSAGE` to stderr and exits 2, both
 * through SystemExit.
 *
 * Handles are reference counted (gt_retain/gt_release). Arguments are
 * borrowed; constructors return new references.
 */
#ifndef GTORCH_ARGPARSE_H
#define GTORCH_ARGPARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "gtorch_core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_argparser gt_argparser;
typedef struct gt_namespace gt_namespace;
typedef struct gt_help_formatter gt_help_formatter;
typedef struct gt_subparsers gt_subparsers;
typedef struct gt_argument_group gt_argument_group;

/* formatter_class=: argparse's formatters, as values */
extern gt_help_formatter *const gt_argparse_HelpFormatter;
extern gt_help_formatter *const gt_argparse_ArgumentDefaultsHelpFormatter;  /* help += (default: ...) */
extern gt_help_formatter *const gt_argparse_RawDescriptionHelpFormatter;    /* description, epilog as written */
extern gt_help_formatter *const gt_argparse_RawTextHelpFormatter;           /* and each help's lines too */

/* ArgumentParser(prog=, usage=, description=, epilog=, formatter_class=,
 * add_help=): NULL for None; prog None is the basename of sys.argv[0]. */
gt_argparser *gt_argparser_new(const char *prog, const char *usage, const gt_str *description,
                               const gt_str *epilog, const gt_help_formatter *formatter_class, bool add_help);

/* One add_argument call: `field` the Namespace slot of its dest, of type
 * `field_type` (None its value where `optional`); `flags` its option
 * strings (none: a positional); action "store", "store_const",
 * "store_true", "store_false", "append", "count"; nargs NULL, "?", "*",
 * "+" or a count in decimal; `conv` type= (int, float or str: how a
 * command-line string becomes a value); `dflt` and `cnst` values of the
 * field's type (cnst: of its element's for a list); `choices` a list of
 * values of conv's type, or NULL; help NULL where none. */
void gt_argparser_add(gt_argparser *p, int64_t field, const gt_type *field_type, bool optional,
                      const char *const *flags, int64_t nflags, const char *action, const char *nargs,
                      const gt_type *conv, gt_val dflt, gt_val cnst,
                      const gt_list *choices, bool required, const gt_str *help, const char *metavar,
                      const char *dest);

/* add_subparsers(title=, description=, prog=, dest=, required=, help=,
 * metavar=): the subcommands, a positional whose name picks the parser
 * that reads the strings after it. `field` the Namespace slot of dest
 * (-1: no dest=, the name is not kept), None its value where `optional`;
 * NULL for None. */
gt_subparsers *gt_argparser_add_subparsers(gt_argparser *p, int64_t field, bool optional, const gt_str *title,
                                           const gt_str *description, const char *prog, const char *dest,
                                           bool required, const gt_str *help, const char *metavar);
/* add_parser(name, help=, aliases=, and ArgumentParser's keywords): a
 * new parser of the subcommand `name`, prog "PARENT_PROG name" */
gt_argparser *gt_subparsers_add_parser(gt_subparsers *s, const char *name, const gt_str *help,
                                       const gt_list *aliases, const char *prog, const char *usage,
                                       const gt_str *description, const gt_str *epilog,
                                       const gt_help_formatter *formatter_class, bool add_help);

/* add_argument_group(title=, description=): a section of the help (NULL
 * for None: no heading, no text) listed after the options in the order
 * made; its arguments are the parser's. */
gt_argument_group *gt_argparser_add_argument_group(gt_argparser *p, const gt_str *title,
                                                   const gt_str *description);
/* add_mutually_exclusive_group(required=): arguments of which a parse
 * takes at most one (one exactly where required), listed by their kind */
gt_argument_group *gt_argparser_add_mutually_exclusive_group(gt_argparser *p, bool required);
/* group.add_mutually_exclusive_group(required=): one whose arguments
 * group's section lists */
gt_argument_group *gt_argument_group_add_mutually_exclusive_group(gt_argument_group *g, bool required);
/* group.add_argument(...): gt_argparser_add's arguments, added to the
 * group's parser and listed in the group's section; in a mutually
 * exclusive group a required argument is a ValueError. */
void gt_argument_group_add(gt_argument_group *g, int64_t field, const gt_type *field_type, bool optional,
                           const char *const *flags, int64_t nflags, const char *action, const char *nargs,
                           const gt_type *conv, gt_val dflt, gt_val cnst, const gt_list *choices, bool required,
                           const gt_str *help, const char *metavar, const char *dest);

/* set_defaults(dest=value): the default of slot `field` (of type
 * field_type, None a value where `optional`) named dest: the arguments
 * of that dest take it, and a parse sets it where nothing else did;
 * value borrowed. */
void gt_argparser_set_default(gt_argparser *p, int64_t field, const gt_type *field_type, bool optional, gt_val value,
                              const char *dest);

/* parse_args(args=None): args a list[str], or NULL for sys.argv[1:]. */
gt_namespace *gt_argparser_parse(gt_argparser *p, const gt_list *args);
/* parse_known_args(args=None): (namespace, the strings it did not know) */
gt_tuple *gt_argparser_parse_known(gt_argparser *p, const gt_list *args);
void gt_argparser_print_help(gt_argparser *p);
void gt_argparser_print_usage(gt_argparser *p);
gt_str *gt_argparser_format_help(gt_argparser *p);
gt_str *gt_argparser_format_usage(gt_argparser *p);
/* error(message): usage and `PROG: error: MESSAGE` on stderr, exit 2 */
void gt_argparser_error(gt_argparser *p, const gt_str *message);

/* args.name: slot `field`; AttributeError where this parser set none.
 * A reference type's value is a new reference. */
gt_val gt_namespace_get(const gt_namespace *ns, int64_t field, const char *name);
/* hasattr(args, name): slot `field` is set */
bool gt_namespace_has(const gt_namespace *ns, int64_t field);
/* args.name = v (borrowed): slot `field` of type t (None a value of it
 * where `optional`), a new attribute where nothing set it yet (Python's
 * namespace takes any: `args.cuda = ...` of no add_argument). */
void gt_namespace_set(gt_namespace *ns, int64_t field, const char *name, const gt_type *t, bool optional, gt_val v);
/* An object whose attributes the program assigns, as a namespace's
 * (torch.autograd's FunctionCtx): `kind` names its class in messages
 * ("'KBackward' object has no attribute 'x'"), `ext` is its owner's. */
gt_namespace *gt_namespace_new_object(const char *kind, void *ext);
void *gt_namespace_ext(const gt_namespace *ns);
void gt_namespace_set_ext(gt_namespace *ns, void *ext);

#ifdef __cplusplus
}
#endif

#endif
