/* sema.h - what resolve.c and check.c learn about a program, for emit.c.
 *
 * Types are interned: two equal types are the same pointer.
 */
#ifndef GT_SEMA_H
#define GT_SEMA_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

typedef struct Module Module;
typedef struct Func Func;
typedef struct ClassInfo ClassInfo;
typedef struct Scope Scope;
typedef struct Program Program;

typedef enum TypeKind {
  TY_ERROR,     /* after a reported error: accepted everywhere, to avoid cascades */
  TY_INT, TY_FLOAT, TY_BOOL, TY_STR, TY_NONE,
  TY_NUMBER,    /* int | float, which one known at run time: a value of a dict of ints and floats (C: gt_num) */
  TY_LIST, TY_TUPLE, TY_DICT,
  TY_SET,       /* set[elem], elem hashable: int, float, bool or str */
  TY_OPTIONAL,  /* elem or None (Optional[T], T | None, `x: T = None`): a NULL reference, or for an
                   int or float GT_NONE_INT / GT_NONE_FLOAT; never of None or of an Optional */
  TY_CLASS,     /* a .gtp class instance */
  TY_FUNC,      /* a function's name (its Func: called directly, with keywords and defaults) */
  TY_CALLABLE,  /* Callable[[A, B], R], a function as a value: items the parameter types, elem R (C: gt_fn *) */
  TY_MODULE,    /* an imported module name */
  TY_CLASSREF,  /* a class name used as a value (constructor) */
  TY_BUILTIN,   /* a builtin function name (print, len, ...) */
  TY_RANGE,     /* range(...), enumerate(...), zip(...) - only iterable */
  TY_ENUMERATE,
  TY_ZIP,
  TY_MAP,       /* map(f, xs) or filter(f, xs): elem the items it gives; only iterated where it is called,
                   or taken whole where a list is (list(), sorted(), sum(), str.join...): then a list */
  TY_GENERATOR, /* Iterator[elem]: a generator function's value (C: gt_gen), or a generator expression that
                   a call consumes at once (sum, any, all) */
  TY_INDEX,     /* `*index: slice` of an extern __getitem__: int, slice, None, ..., Tensor or bool items */
  TY_INTS,      /* `size: ints` of an extern def: an int or a tuple of ints (C: gt_ints) */
  TY_FLOATS,    /* `mean: floats` of an extern def: a float or a tuple of numbers (C: gt_floats) */
  TY_ANY,       /* `obj: Any` of an extern def: a value of any type C gets with its descriptor (a gt_val and a
                   gt_type *); `-> Any`: the call's expected type, whose descriptor C gets last (json.loads) */
  TY_UNKNOWN,   /* the element type of an empty list or dict display before its first use decides it */
  TY_VARTUPLE,  /* tuple[elem, ...]: a `*args: T` parameter's tuple, of any length (C: a gt_tuple
                   whose own descriptor has one item type per item) */
  TY_TYPEVAR,   /* `T = TypeVar("T")`: a type variable of a generic function's signature, one type per
                   declaration (not interned); a call binds it (check_generic.c) and no value has it */
  TY_UNION,     /* `Tensor | tuple[Tensor, Tensor]` of a value (a result, a variable, a field, an item):
                   items its members, two or more, neither None nor unions; which one a value is of is
                   known where it runs (C: a gt_dyn whose descriptor is its member's, types.c union_member) */
} TypeKind;

/* What the checker knows of a tensor's dtype (or of a torch.dtype value):
 * its kind, which decides the Python type of .item(). A Type of a class
 * carries it; containers, fields and parameters hold the plain class. */
typedef enum DtypeKind { DT_UNKNOWN, DT_BOOL, DT_INT, DT_FLOAT } DtypeKind;

/* How an extern def's `-> Tensor[...]` gives its result's dtype kind. */
typedef enum DtypeRule {
  DR_NONE,      /* -> Tensor: not known */
  DR_FIXED,     /* -> Tensor[float] / [int] / [bool] */
  DR_SELF,      /* -> Tensor[Self]: the receiver's (a function's: its first argument's) */
  DR_PROMOTE,   /* -> Tensor[promote]: PyTorch's promotion of self and `other` (a tensor or a number) */
  DR_SUM,       /* -> Tensor[sum]: a sum's: bool and int sum to int64 */
} DtypeRule;       /* whatever the rule, a `dtype=` argument other than None decides */

/* A named tuple (`class P(NamedTuple):` with annotated fields, or
 * `P = namedtuple("P", ["x", "y"])`): a tuple type whose items have names
 * (resolve.c declares it; Type.named of its TY_TUPLE, Sym.named of its
 * name, a type alias). The functional form names no types: its calls'
 * arguments give them (a hint, check_flow.c), and the next run has them. */
typedef struct NamedTuple {
  const char *name;
  const char *shown;  /* a stdlib class's `__typename__ = "torch.return_types.max"`: what its repr is headed by,
                         PyTorch's structseq repr (one field a line); NULL: name, Python's namedtuple repr */
  Module *mod;
  int nfields;
  const char **fields;
  Node **anns;      /* the class form's annotations; NULL for the functional form */
  Node **defaults;  /* a field's default value (class form), or NULL */
  DtypeKind *dtypes; /* a field's annotated tensor dtype kind (`indices: Tensor[int]` of the stdlib's
                         return types), which a tuple's plain item types leave out; NULL: none */
  Type *ty;         /* the type the name stands for (resolve.c); a call of the functional form with other
                       field types makes another instance, named with its fields' types in messages */
} NamedTuple;

struct Type {
  TypeKind kind;
  DtypeKind dtype;    /* CLASS: a tensor's or a torch.dtype's kind, where known */
  Type *elem;         /* LIST and SET element, DICT value, RANGE/ENUMERATE/ZIP iterable */
  Type *key;          /* DICT key */
  Type **items;       /* TUPLE element types; ZIP iterables; a union TYPEVAR's members (resolve.c union_typevar) */
  NamedTuple *named;  /* TUPLE: a named tuple's names, or NULL */
  int nitems;
  ClassInfo *cls;     /* CLASS, CLASSREF */
  Func *fn;           /* FUNC */
  Module *mod;        /* MODULE */
  int builtin;        /* BUILTIN */
  const char *desc;   /* C name of the run-time gt_type descriptor, made by emit */
  const char *member_desc; /* a class's, as a union's member: a descriptor of its own (emit union_desc) */
  const char *caller; /* CALLABLE: the C function emit made that calls a value of it */
  const char *name;   /* TYPEVAR: its name */
  bool pack;          /* TYPEVAR: a def's `*args: Any`, which a call binds to the tuple of the values it gathers,
                         each of its own type (check_generic.c): logging's `info(msg, *args)` */
  bool any_args;      /* CALLABLE: `Callable[..., R]`, what an extern's parameter takes of a function whose
                         arguments a protocol's check decides (a DataLoader's collate_fn) */
  /* TYPEVAR: `B = TypeVar("B", default=list[Tensor])` (PEP 696): the
   * annotation and its module; dflt the type once resolved (resolve.c
   * typevar_default), what a generic class's bare name and a constructor
   * that binds nothing else give it */
  struct Node *dflt_ann;
  struct Module *dflt_mod;
  Type *dflt;
  /* An empty `[]` or `{}` whose element types its first use decides
   * (check.c): pending, not interned, until settled points at the type
   * that use gave; check_program replaces it everywhere at the end. */
  bool pending;
  Type *settled;
};

typedef enum SymKind {
  SYM_LOCAL, SYM_PARAM, SYM_GLOBAL, SYM_FUNC, SYM_CLASS, SYM_MODULE,
  SYM_EXTERNVAR, SYM_BUILTIN,
  SYM_TYPEALIAS,  /* `Vector: TypeAlias = list[float]`: decl is the ST_TYPEALIAS, ty its type once resolved */
  SYM_MODNAME,    /* a module's __name__: "__main__" for the program, else the module's name (mod) */
} SymKind;

struct Sym {
  SymKind kind;
  const char *name;
  const char *cname;  /* the C identifier */
  Type *ty;           /* NULL until the first assignment is checked */
  Node *decl;
  Module *mod;        /* owner module (globals, functions, classes) */
  Func *fn;
  ClassInfo *cls;
  int builtin;
  Sym *target;        /* `from m import x`: the symbol in m */
  NamedTuple *named;  /* TYPEALIAS of a named tuple: its declaration */
  bool read;          /* check.c: some expression reads it (emit.c drops unread locals) */
  bool rebound;       /* check.c: a parameter the body assigns to (emit.c takes a reference of its own) */
  bool resolving;     /* resolve.c: a type alias whose type is being resolved (A: TypeAlias = A) */
  bool none_assigned; /* check.c: some `x = None` assigns it: its type is an Optional */
  bool annotated;     /* check.c: `x: T = v` declares its type: it is not rebound to another */
  Func *nested_def;   /* check.c: the binding a nested def makes: calls of it take keywords and its defaults */
  Node *vars_copy;    /* check_call.c: the vars(obj) call it was first bound to, whose dict is a copy of
                         obj's fields here (Python's is obj's own): a store into it is refused */
  bool read_as_none;  /* check.c: read where it is still None, its T assigned further on (a hint, check_flow.c) */
  const char *bound_cname; /* check_flow.c: a read may find it unassigned (`for` that ran no time): the C
                              flag its stores set, which such a read tests (EXPR_MAYBE_UNBOUND) */
  /* check_flow.c: `loss = loss.item()` binds another version of the name,
   * a variable of its own of the other type; base is the name's first
   * binding (NULL for that one), its versions linked from it. */
  Sym *base;
  Sym *next_version;
  /* check.c: a local or parameter that a nested def or lambda reads: it
   * lives in its function's environment (emit: `_env->x_`, `_up->x_` in
   * the nested function), owner being that function. */
  bool captured;
  Func *owner;
  /* check_stmt.c: its first `del`, after which a nested function or a
   * function reading the global could read a released value: none may
   * read it (check_expr.c, check.c deleted_globals_read) */
  Node *deleted_at;
  Func *read_by;  /* a global: the first function seen reading it (check_expr.c) */
  /* check_expr.c: a class attribute that a class deriving its own assigns
   * again, read through an object (ATTR_CLASS_DISPATCH): the C function
   * giving the attribute of the object's class (emit.c), which reach.c
   * marks used where such a read is reached. */
  const char *dispatch_cname;
  bool dispatch_used;
  Sym *next;          /* in its scope */
};

/* A hash table from strings to pointers (resolve.c): look-up in O(1) on
 * average however many names a scope holds. */
typedef struct NameMap {
  const char **keys;
  void **vals;
  unsigned cap, len;
} NameMap;

struct Scope {
  Sym *syms;          /* in order of declaration */
  Scope *up;
  Sym *last;          /* the tail of syms (scope_add appends in O(1)) */
  NameMap index;      /* name -> the first Sym of that name */
};

/* The C identifiers taken in one C scope (resolve.c: c_ident). A function's
 * table is chained to the program's file scope, so that a local never hides
 * a file-scope name that the function's C may need. */
typedef struct CNames CNames;
struct CNames {
  NameMap taken;
  CNames *up;
};

/* What an extern def is to the compiler rather than to the runtime: a
 * class decorator that writes methods (`-> class_transform`), or a
 * function whose call in such a class gives a field's default (`->
 * field_specifier`), or enum.auto (`-> enum_value`: a member's number,
 * transform_enum), or a function whose call is the dict display of an
 * object's fields (vars: `-> instance_dict`; dataclasses.asdict, which
 * recurses into the fields of such classes: `-> fields_dict`;
 * check_call.c fields_dict_call); none is called where the program runs. */
typedef enum Transform {
  TRANSFORM_NONE, TRANSFORM_CLASS, TRANSFORM_FIELD, TRANSFORM_AUTO, TRANSFORM_VARS, TRANSFORM_ASDICT
} Transform;

typedef struct Param {
  const char *name;
  const char *cname;
  Type *ty;
  Node *dflt;         /* default expression or NULL */
  const char *kept;   /* check.c: the C global a default that is no constant is kept in, evaluated once where
                         the def runs (Python's one value: `acc: list[int] = []` is one list for every call) */
  bool varargs;       /* `*size: int` of an extern def: C gets (const int64_t *, int64_t n) */
  bool cstring;       /* `name: cstr` of an extern def: a str that C gets as `const char *` */
  bool fspath;        /* `name: pathlike`: a str, or an object whose __fspath__() gives one (a Path), as
                         PEP 519's functions take paths (check_call.c fspath_arg) */
  bool kwargs;        /* `**name: float` of an extern def: C gets (const char *const *names, const double *, int64_t n) */
  bool kwonly;        /* after a bare `*` (ast.h PARAM_KWONLY): given by keyword only */
  bool any_object;    /* `other: object` of __eq__ / __ne__, typed as the class: the method returns NotImplemented
                         for a value of another type, so Python's == of one falls back to identity */
  bool iterable;      /* `params: Iterable[Tensor]` of an extern def, typed list[Tensor]: any iterable of such
                         items, which C gets as the list of them made at the call (Python's `list(params)`) */
  bool sequence;      /* and `Sequence[int]`: an iterable that is a sequence (not a set, a dict, a generator) */
  const char *binds;  /* `args: args_of[target] = None` / `kwargs: kwargs_of[target] = None`: the Callable
                         parameter whose arguments the tuple (bind_kind 'a') or dict ('k') display given here
                         binds: Process(target=f, args=(a, b)) (check_call.c bind_callable_args) */
  char bind_kind;
  Node *literal;      /* `flag: Literal[True]` of an extern def: the one constant (True, False, an int, a str)
                         its overload takes there, where the result's type follows a flag's value
                         (torch.unique's return_counts=True); check_call.c literals_fit */
  Node *decl;
  Sym *sym;
  /* check.c, for a parameter without an annotation (reported with a
   * proposed one): the type a use in the body needs, the type a call passes. */
  Type *need, *offer;
  bool offer_callable;  /* offer is a parameter of the Callable type f is passed as (a hook) */
  bool need_guessed;    /* need is the one class with a method of an attribute the body reads (args.seed) */
} Param;

/* `f.name = g` at a module's top level, f and g its defs: f.name(...)
 * calls g (itertools' chain.from_iterable); Func.attrs. */
typedef struct FuncAttr {
  const char *name;
  Func *fn;
  struct FuncAttr *next;
} FuncAttr;

/* An instance of a union __init__ that constructs a class (ClassInfo.ctors). */
typedef struct CtorUse {
  Func *init;
  struct CtorUse *next;
} CtorUse;

struct Func {
  const char *name;   /* "fib", "move" */
  const char *qname;  /* "fib", "Point.move" for tracebacks */
  const char *cname;  /* "fib", "Point_move", "gt_math_sqrt" */
  Param *params;      /* methods: params[0] is self */
  int nparams;
  Type *ret;          /* TY_NONE when there is no `-> T` */
  Node *decl;
  Module *mod;
  ClassInfo *cls;     /* owner class for methods */
  bool is_extern;
  bool is_property;   /* `extern name: T = "c"` in an extern class: a getter */
  bool returns_status;/* `-> status`: the C function returns 0, or -1 with gt_last_error() */
  bool returns_self;  /* `-> Self` of an extern method: the receiver's own type (net.to(device) is an MLP) */
  bool ret_whole;     /* an extern method of a generic class declared `-> B`: its C function gives the
                         value in one out parameter even where B is a tuple (not one per item) */
  bool noreturn;      /* `-> NoReturn` of an extern def: a call never comes back (sys.exit) */
  Type *guard;        /* an extern's `-> TypeIs[T]`: a call of one argument is isinstance(arg, T) (check_flow.c) */
  bool has_try;       /* check.c: its body has a try statement, or a with statement in a program that
                         has one: a handler, so emit keeps its variables in memory */
  bool has_with;      /* check.c: its body has a with statement */
  bool declares_buffer; /* `-> buffer_declaration` of an extern method (Module.register_buffer): a call
                          in a model's __init__ declares the field its str literal names, a buffer */
  bool ret_scalar;    /* `-> scalar` of an extern method: the Python number of self's dtype kind
                         (.item()); the C function returns a gt_val */
  bool ret_scalars;   /* `-> scalars` of an extern method (x.tolist()): `-> Any`, and where nothing expects a
                         type, the list of the Python numbers of self's dtype kind, the run checking the rank */
  DtypeRule dtype_rule;  /* `-> Tensor[...]` of an extern def */
  DtypeKind dtype_fixed; /* DR_FIXED's kind */
  bool checked;       /* check.c: its body is checked, or being checked (an __init__ on demand) */
  bool deferred;      /* check.c: a nested def checked where its name is first used (check_nested_def) */
  bool generator;     /* check.c: its body yields: calling it makes a generator (ret: Iterator[T]) */
  ClassInfo *result_in; /* `-> Callable[result_in[C]]` of an extern decorator (contextmanager), and a top-level
                           def it decorates (resolve.c result_decorated): a call of the def gives C(its value) */
  bool yields_in_try; /* check_stmt.c: a generator yielding inside a try statement or with block: resuming
                         re-enters their handlers, and an exception thrown in (close, throw) raises there */
  Func *overload;     /* the next extern def of the same name */
  Func *ran_next;     /* check.c: the next in Program.ran_early */
  bool ran_queued;    /* check.c: in Program.ran_early, or was */
  Func *bound;        /* check.c: a method used as a value (`f = obj.method`): the function it calls */
  ClassInfo *applies; /* check_autograd.c: K.apply of an autograd Function K, made with forward's parameters;
                         emit writes its body, the call of apply_entry (the runtime's) with K's thunks */
  Func *apply_entry;
  char getter;        /* `-> Callable[itemgetter]` ('i') / `Callable[attrgetter]` ('a') of an extern def
                         (operator's): a call is the lambda getting the items or attributes it names */
  bool binds_args;    /* `-> Callable[partial]` of an extern def (functools.partial): a call binds the first
                         parameters of its first argument, a function (check_call.c call_partial) */
  FuncAttr *attrs;    /* its attributes that name functions (resolve.c declare_func_attr) */
  bool keeps_function;/* `-> Callable[wraps]` of an extern def (functools.wraps): a decorator whose value is the
                         function it decorates (check.c check_decorated); called elsewhere, an error */
  bool marks_abstract;/* `-> Callable[abstractmethod]` of an extern def (abc.abstractmethod): a method's decorator
                         making it abstract (check.c method_is_abstract); never called */
  bool decorated;     /* resolve.c: a method with decorators other than @staticmethod, @property...: check.c's */
  bool binds_self;    /* check.c: such a function: its gt_fn (a gt_bound) holds params[0], the object */
  Func *setter;       /* a property's setter (`extern name: T = "get", "set"`): (self, value) -> status */
  bool used;          /* reach.c: called or referred to from reachable code */
  bool as_value;      /* reach.c: used as a value (`f = double`): emit writes its gt_fn and thunk */
  Func *outer;        /* check.c: a lambda's or nested def's enclosing function */
  bool closure;       /* check.c: it reads variables of `outer`: its gt_fn holds outer's environment */
  bool env_link;      /* check.c: a function nested in it reads a variable of one around it: its own
                         environment holds `_up`, outer's, which that function reaches through it */
  struct Flow *def_flow; /* check.c: a nested function's: what the names of `outer` hold where it is defined */
  Scope locals;       /* params and locals, in order of first assignment */
  CNames cnames;      /* the C names of its params, locals and comprehension variables */
  Sym *globals_declared; /* names listed in `global` */
  /* check.c: a method that a derived class overrides: the C function that
   * calls the override of the object's class (emit writes it), or NULL. */
  const char *dispatch_cname;
  bool is_static;     /* @staticmethod: no self (cls is NULL; the class's methods list holds it) */
  ClassInfo *cls_param; /* @classmethod (also is_static): the class its first parameter, `cls`, names */
  ClassInfo *static_of; /* a @staticmethod's or @classmethod's class (its cls is NULL: it takes no object) */
  Sym *nonlocals_declared; /* names listed in `nonlocal` (a nested function's) */
  Transform transform; /* `-> class_transform` / `-> field_specifier` of an extern def (transform.c) */
  ClassInfo *declares; /* `-> field_declaration[C]` of an extern method: each call declares a field of C
                          (check_declared.c); its parameters are the keywords the call may give */
  bool declares_command; /* `-> command_declaration[C, R]`: declares (C) the field its dest= names, of the
                            name a command line chose; otherwise an ordinary method, returning R */
  bool declares_defaults; /* `-> defaults_declaration[C]` (set_defaults): each keyword of a call is the default
                             of the field of its name (declared there where no other call declares it) */
  bool hooks_forward; /* `-> forward_hooked[R]` (register_forward_hook): a call hooks the forward of its
                         receiver, which may be a .gtp module (ClassInfo.forward_hooked); returns R */
  bool written;       /* a method a class transform wrote (transform.c): its __init__ may set a frozen field */
  /* A generic function: a .gtp def whose signature names type variables
   * (tvars, in order of first appearance). It is never checked, reached
   * or emitted itself: each call binds its type variables and calls the
   * instance for those types (check_generic.c), a Func of its own (its
   * body a copy of the def's) whose generic_of is the template and targs
   * the types bound, in the order of tvars. */
  Type **tvars;
  int ntvars;
  Func *generic_of;
  Type **targs;
  Func *instances;    /* a template's, linked through next_instance */
  Func *next_instance;
  Func *next;
};

typedef struct Field {
  const char *name;
  const char *cname;
  Type *ty;
  Node *decl;
  int buffer;         /* a model's buffer (register_buffer): 1, or 2 with persistent=False (in no state
                         dict); 0 for other fields */
  bool late;          /* first assigned by a method other than __init__ (check_declared.c): unset until a
                         store, which its C flag records; a read before one is Python's AttributeError */
  bool late_in_init;  /* late as __init__ stores it on some paths only (late_init_fields): declared by
                         __init__ each run, in its place, so not learnt as a method's late field */
  bool empty;         /* declared by an empty list or dict (`self.word2index = {}`) that a later use types */
  bool none_only;     /* declared by None alone (`self.best = None`): a later store of a T makes it an
                         Optional[T] from __init__ on in the next run (check_flow.c field_stored) */
  bool annotated;     /* declared by `name: T` in the class body (check_expr.c annotated_fields) */
  bool annotated_stored; /* and its first store checked (field_first_stored) */
  int order;          /* when it was declared, or for an annotated one first stored, among the program's
                         fields: the order a model registers its layers and tensors in, as PyTorch's
                         assignments do (emit.c visit_fields) */
} Field;

/* The runtime protocol an extern class declares with protocol="..." (and
 * every class deriving it follows): what emit must generate for it. */
typedef enum Protocol {
  PROTO_NONE,
  PROTO_MODULE,  /* "module": a gt_module; a .gtp class deriving it gets a gt_module_head,
                    its tensor and module fields listed, net(x) calling its forward */
  PROTO_TENSOR,  /* "tensor": a module's field of this class is a parameter or buffer */
  PROTO_EXCEPTION, /* "exception": a gt_exc, what raise takes and except catches */
  PROTO_DATASET, /* "dataset": a gt_dataset; a .gtp class deriving it gets a gt_dataset_head and a
                    gt_dataset_def whose len and getitem call its __len__ and __getitem__ */
  PROTO_ITERABLE_DATASET, /* "iterable_dataset": as "dataset", but the gt_dataset_def's iter calls its
                             __iter__ (a generator or an iterator of items) and len its __len__ if any */
  PROTO_NAMESPACE, /* "namespace": a gt_namespace, whose fields the calls of a `-> field_declaration[C]`
                      method declare (check_declared.c); field i is the runtime's slot i */
  PROTO_TYPE,    /* "type": a class as a value (gt_classobj): type(x), `type[C]`, what __exit__'s
                    exc_type is; issubclass() tests it where it runs */
  PROTO_TRACEBACK, /* "traceback": what __exit__'s third parameter receives with an exception */
  PROTO_ENUM,    /* "enum": enum.Enum; a class deriving it is a plain class of its own (no base) whose
                    members transform_enum makes */
  PROTO_ANY_DICT, /* "any_dict": what `dict[str, Any]` names (torch's StateDict): a dict display of
                     values of several types, with str keys, is made with its `_with(key, value) ->
                     Self` item by item (check_expr.c any_dict_display) */
  PROTO_LOADER,  /* "loader": a generic extern class whose one type variable is its batches' type, which
                    the constructor's dataset= and collate_fn= decide (check.c loader_instance) */
  PROTO_DYNAMIC, /* "dynamic": a value whose type only the run knows (builtins' _Dynamic, C gt_dyn): what an
                    extern `-> Any` gives where it is printed and nothing expects a type (check_call.c
                    any_result) */
  PROTO_AUTOGRAD_FUNCTION, /* "autograd_function": torch.autograd.Function; a .gtp class K deriving it defines
                    @staticmethods forward and backward taking a ctx (an instance of its base) first, and
                    K.apply(...), of its own one method, calls the runtime (check_autograd.c) */
} Protocol;

struct ClassInfo {
  const char *name;
  const char *cname;   /* the C struct: "Point", or an extern class's "gt_tensor" */
  bool is_extern;      /* an opaque run-time type declared with `extern class` */
  ClassInfo *base;     /* the class it derives (an extern class), or NULL */
  Protocol protocol;   /* its own protocol= or its base's */
  const char *descriptor; /* descriptor="gt_t_tensor": the runtime's gt_type of its instances, which
                             tells them from other objects (a state dict's values); NULL: gt_t_obj */
  Type *converts;      /* converts=str: an extern's parameter of the class takes a str, made an instance by
                          the class's __init__ of one str (torch.device), as PyTorch does; else NULL */
  const char *from_number; /* from_number=f: the function of the class's module that makes an instance of a
                              number, where a name holding instances is given one (check_stmt.c); NULL */
  bool is_module;      /* a .gtp class deriving a PROTO_MODULE class: instances are gt_module values */
  ClassInfo *layer;    /* the built-in layer it derives (an extern module class with an __init__, nn.Linear),
                          directly or through a .gtp base: its instance is the struct's _layer, made by
                          super().__init__(...) or, where the class has no __init__, by the constructor */
  bool constructed;    /* reach.c: some reachable code makes an instance */
  struct CtorUse *ctors; /* reach.c: the instances of a union __init__ (resolve.c union_method) by which
                            reachable code makes instances of it: emit writes a constructor for each */
  bool as_value;       /* check_classobj.c: the program takes it (or a class deriving it) as a value: it has
                          a class object even where nothing makes an instance */
  Node *decl;
  Module *mod;
  Type *ty;           /* TY_CLASS */
  Field *fields;
  int nfields, capfields;
  CNames field_cnames; /* the C names of its fields (a struct is a C scope of its own) */
  Func *methods;      /* linked through next */
  FuncAttr *func_attrs; /* class attributes `name = f` naming a def of its module above the class: methods, as
                           Python binds them, f taking the object first (random.Random's choice = _choice) */
  Func *init;         /* __init__ or NULL */
  Func *str;          /* __str__ or NULL */
  Func *repr;         /* __repr__ or NULL */
  /* The special methods the generated code calls without a call in the
   * source, chosen by check.c (class_slots); NULL where there is none: */
  Func *truth;        /* `if x:`: __bool__, else __len__ (then truth_by_len); none: always true */
  bool truth_by_len;
  Func *format;       /* f"{x:spec}": __format__(self, spec: str) -> str */
  Func *eq, *lt;      /* the runtime's ==/sort slots: __eq__/__lt__(self, other: Self) -> bool */
  Func *hash;         /* __hash__(self) -> int: what a set or dict of the class's type hashes (its descriptor) */
  Func *dataset_len, *dataset_item; /* a .gtp Dataset's __len__ and __getitem__, which a DataLoader calls */
  Func *dataset_iter, *dataset_next; /* a .gtp IterableDataset's __iter__, which a DataLoader calls, and
                                        the __next__ of the iterator object it returns (NULL: a generator) */
  Func *forward;      /* a model's forward(self, x: Tensor) -> Tensor, the runtime's module calls */
  Func *autograd_forward, *autograd_backward; /* an autograd Function's: what K.apply's thunks call */
  Func *autograd_apply; /* K.apply, once made (check_autograd.c) */
  bool autograd_bad;    /* K's forward or backward is not one (reported at the first K.apply) */
  Func *extra_repr;   /* a module's extra_repr(self) -> str: what print(model) shows between its parentheses */
  Func *forward_n;    /* a model's forward(self, a: Tensor, b: Tensor, ...) -> Tensor of several tensors, none
                         defaulted: what `model(a, b)` of a value typed nn.Module calls (gt_module_forward_n) */
  bool forward_hooked; /* a .gtp module class whose objects a call of the program may hook (a `->
                          forward_hooked` method called on a value of a class it derives): its forward or
                          forward_n, called as net(x), runs the hooks after it (gt_module_hooked) */
  bool next_items;    /* its instances are iterated by their __next__ (check_iter.c): emit makes the runtime's
                         thunk of it */
  bool frozen;        /* a class transform's frozen=True: only its written __init__ sets its fields */
  Func *transformed_by; /* the class transform above it (@dataclass), or NULL */
  bool annotations_declared; /* check_expr.c need_fields: its body's `name: T` fields declared */
  /* A generic class (`class Stack(Generic[T])`, tvars its variables) is a
   * template like a generic def: `Stack[int]`, or a constructor call whose
   * arguments bind T, names its instance (resolve.c class_instance), a
   * class of its own declared from a copy of the template's statement,
   * whose generic_of is the template and targs the types. An instance
   * whose targs hold type variables (`Stack[T]` in a generic signature)
   * is open: a pattern, never checked or emitted (class_template). */
  Type **tvars;
  int ntvars;
  ClassInfo *generic_of;
  Func *initializing; /* check_stmt.c: a method __init__ calls on self at its top level, being checked from
                         there: its assignments to self declare fields as __init__'s do (AverageMeter.reset) */
  Type **targs;
  ClassInfo *instances, *next_instance;
  bool readied;       /* check.c class_made: an instance made while the program is checked, readied then */
  bool late_declared; /* check_declared.c: its late fields (Field.late) are declared */
  Func *declared_by;  /* a namespace's: the method whose calls declare its fields */
  Func *command_declared_by; /* and the one whose calls declare a command's field (argparse's add_subparsers) */
  Func *defaults_declared_by; /* and the one whose calls give fields' defaults (set_defaults) */
  struct DeclaredField **declared; /* check_declared.c: those calls */
  int ndeclared, capdeclared;
  ClassInfo *next;
};

struct Module {
  const char *name;    /* "__main__", "math", "helpers.util" */
  const char *prefix;  /* C prefix of its globals: "" for main, "math_" */
  SrcFile *file;
  Node *ast;
  Scope globals;
  Func *funcs;         /* functions and methods, in order */
  ClassInfo *classes;
  bool is_main;
  bool is_stdlib;
  const char *link;    /* `extern link "lib"`: the runtime library its externs need, or NULL */
  int state;           /* 0 new, 1 resolving, 2 done */
  Func *init;          /* the module's top-level code as a function */
  bool quiet;          /* reach.c: importing it runs nothing (declarations only, imports of quiet modules):
                          emit writes no init function for it and no call of one */
  Module *next;        /* in dependency order: imports before importers */
  Module *all_next;    /* every module, in the order loading began */
};

/* Node.flags set by check.c: an EX_ATTR that reads a property (info: its
 * Func); an expression whose truth value the program tests (`if x:`,
 * `not x`, `x or y`, bool(x)), which calls its class's `truth` method; an
 * EX_NAME that may read its variable before any assignment on some path
 * (Python's UnboundLocalError), which tests the Sym's bound_cname; an
 * EX_ATTR of a method as a value (info: its Func.bound); an EX_NAME or
 * EX_ATTR naming a class taken as a value (info: its ClassInfo;
 * check_classobj.c); an EX_CALL without a callee that converts its one
 * argument (check_call.c, convert_arg). */
enum { ATTR_PROPERTY = 1, EXPR_TRUTH_TESTED = 2, EXPR_MAYBE_UNBOUND = 4, ATTR_BOUND = 16, CLASS_VALUE = 32,
       CALL_CONVERTED = 64 };
/* Node.flags of an ST_TRY whose body, or an ND_EXCEPT whose block, never
 * falls through its end (it returns, raises, breaks or continues). */
enum { BLOCK_EXITS = 8 };
/* Node.flags of a comparison (an e->cmps node) `a == b` or `a != b` of
 * types whose values Python never finds equal (check_expr.c never_equal):
 * both evaluated, the result a constant. */
enum { CMP_NEVER_EQUAL = 128 };
/* Node.flags of a comparison `x in d` (`not in`) of a list, dict or set
 * that no use had typed yet (`if word not in self.word2index:` before
 * the store that types it): checked once it is typed (check_expr.c
 * `check_settled_in`, from check.c's settling). */
enum { CMP_IN_PENDING = 16384 };
/* Node.flags of a comparison whose info is the C function of an extern
 * class's __eq__ (check_expr.c `extern_eq`) where that class's operand is
 * the right one: the function takes (right, left). */
enum { CMP_EQ_REFLECTED = 524288 };
/* Node.flags of an EX_ATTR reading a named tuple's field (p.x): ival is
 * the field's index. */
enum { ATTR_TUPLE_FIELD = 256 };
/* Node.flags of the EX_CALL that makes an Enum member (transform_enum);
 * another call of an Enum class looks a member up by its value. */
enum { CALL_ENUM_MEMBER = 4096 };
/* Node.flags of an EX_ATTR `x.__class__`: type(x) (check_classobj.c). */
enum { ATTR_CLASS = 2048 };
/* Node.flags of an EX_ATTR reading a class attribute through an object
 * (`self.expansion`) whose sym a deriving class assigns again: the value
 * of the object's class (Sym.dispatch_cname). */
enum { ATTR_CLASS_DISPATCH = 1048576 };
/* Node.flags of an EX_NAME that reads an Optional variable a test narrowed
 * to its T, which a call may set to None behind the test (a function has
 * a `global` or `nonlocal` of it): emit checks it is not None still. */
enum { NAME_NARROW_CHECKED = 8192 };
/* Node.flags of each call or attribute read a use of a union's member
 * made (check_call.c union_use), which is not made again, and of the
 * conditional expressions testing the members, whose branches' numbers of
 * either type keep it (an `int | float`). */
enum { CALL_UNION_MEMBER = 131072 };
/* The EX_DICT of a vars(obj) call (check_call.c fields_dict_call): a copy of obj's fields. */
enum { DICT_VARS_COPY = 8192 };
/* Node.flags of an ST_IF or EX_IFEXP whose condition the static types
 * decide (`isinstance(mean, list)` of a list parameter): the branch taken
 * is the only one the flow goes through, and emit writes it alone. */
enum { IF_ALWAYS = 512, IF_NEVER = 1024 };
/* Node.flags of such an ST_IF whose branch taken never falls through (a
 * generic instance's `if isinstance(x, int): return ...`): the statements
 * after it in its block never run, and are neither checked, walked nor
 * emitted (if_ends_block). */
enum { IF_ENDS_BLOCK = 32768 };
static inline bool if_ends_block(const Node *st) { return st->kind == ST_IF && (st->flags & IF_ENDS_BLOCK); }

/* An except clause as check.c resolved it (ND_EXCEPT's info; NULL for a
 * bare `except:`): the exception classes it catches. */
typedef struct Caught {
  ClassInfo **classes;
  int n;
} Caught;

/* A `with` item as check.c resolved it (ND_WITHITEM's info). */
typedef struct WithInfo {
  Func *enter, *exit;
  bool takes_exc;     /* __exit__(self, exc_type, exc, tb) receives the exception passing (check_classobj.c) */
  bool may_suppress;  /* and returns a bool: true suppresses it */
} WithInfo;

/* How a call expression was resolved; in EX_CALL's `info` (also in an
 * EX_BINOP, EX_UNARY or EX_COMPARE that a class's operator method implements). */
typedef enum CallKind {
  CALL_FUNC,      /* fn: a .gtp or extern function */
  CALL_METHOD,    /* fn: a method; recv: the object */
  CALL_CTOR,      /* cls: the class (init may be NULL) */
  CALL_BUILTIN,   /* builtin: a builtin function (print, len, ...) */
  CALL_BMETHOD,   /* bmethod: a method of str/list/dict/set; recv */
  CALL_NOTHING,   /* super().__init__() of a module: no code */
  CALL_BUFFER,    /* self.register_buffer("pe", pe) (Func.declares_buffer): the store of field `field` */
  CALL_LAYER_INIT,/* super().__init__(...) of a class deriving a layer (ClassInfo.layer): fn the layer's
                     extern __init__, whose module goes to recv's _layer */
  CALL_FORMAT,    /* "...".format(...): recv the format string; args the positional arguments
                     (nargs), kwargs the ND_KEYWORDs (nkwargs); format the fields of a constant one */
  CALL_VALUE,     /* recv: a Callable value, called through its gt_fn; args positional */
  CALL_EXC_INIT,  /* super().__init__(arg) of an exception class: recv self, args[1] the argument or NULL */
  CALL_TYPE_OF,   /* type(x): args[0] the object; cls the class `type` (check_classobj.c) */
  CALL_ITER_NEXT, /* the generator of an iterator class's instance recv (check_iter.c): fn its __next__,
                     cls its class */
  CALL_DECLARE,   /* a call of a `-> field_declaration[C]` method fn on recv: declared, the field and
                     the keywords' values (check_declared.c) */
  /* (a call of a `-> command_declaration[C, R]` method is a CALL_METHOD with declared set) */
  CALL_NAMED_TUPLE, /* P(...) of a named tuple P: args its fields' values in order (a default where the
                       call gives none); the call's type is P's tuple type */
  CALL_MISFIT,    /* a union use's member whose use does not check (check_call.c union_use), a getattr
                     call's name of no class it makes (named_class_call_of): raises `misfit`, "TypeError:
                     ..." or "AttributeError: ...", where it runs; never returns */
} CallKind;

typedef struct BMethod BMethod;

typedef struct CallInfo {
  CallKind kind;
  Func *fn;
  ClassInfo *cls;
  int builtin;
  const BMethod *bmethod;
  Type *recv_ty;      /* CALL_BMETHOD: the receiver's type as the method takes it where that is not its
                         own (a fixed tuple of one item type as a tuple[T, ...]), else NULL */
  Node *recv;
  Node **args;        /* in parameter order; NULL where a default applies */
  int nargs;
  Node **vargs;       /* the positional arguments gathered by a `*name` parameter */
  int nvargs;
  Node **kwargs;      /* the keyword arguments gathered by a `**name` parameter (ND_KEYWORD) */
  int nkwargs;
  Node *sep, *end;    /* print's keywords; with file=, fn is its write method and recv the file */
  Node *flush;        /* print's flush=; with file=, flush_fn is the file's flush method (or NULL) */
  Func *flush_fn;
  bool reverse_kw;    /* sorted(..., reverse=...) */
  bool negate;        /* `a != b` computed as not a.__eq__(b) */
  bool direct;        /* super().f(): fn itself, not the override of self's class (Func.dispatch_cname) */
  bool on_layer;      /* super().forward(x) in a class deriving a layer: the layer's forward (recv's _layer) */
  bool module_call;   /* net(x) of a .gtp module (not net.forward(x)): its hooks run where its class may be
                         hooked (module_may_be_hooked) */
  bool exc_arg;       /* an exception's argument args[1] is not a str: it keeps its str and repr */
  int isa;            /* isinstance(x, T) of built-in types T (cls NULL): an IsaTest */
  const char *isa_kinds; /* ISA_DYNAMIC: the C mask of the runtime kinds T names, "1u << GT_K_INT | ..." */
  /* ISA_UNION (check_builtin.c isinstance_union): the members the test is true of; each of them whose
   * isa_within is a class, one it derives, true of only its objects of that class (nn.Linear of an
   * nn.Module member); isa_yes and isa_no the types the value has where the test is true and false */
  Type **isa_members;
  ClassInfo **isa_within;
  int nisa_members;
  Type *isa_yes, *isa_no;
  /* hasattr(x, "name") tested where it runs (isa ISA_DYNAMIC; check_builtin.c bi_hasattr): the classes
   * deriving x's whose objects have the attribute (where it is their late field, once set), x's
   * field that may be unset (a late field, a namespace's slot), or has_method */
  ClassInfo **has_classes;
  Field **has_late;   /* per class: its late field of that name, set once its method ran, or NULL */
  int nhas_classes;
  Field *has_field;
  Func *has_method;   /* or the `__hasattr__` of the extern class that declares the attribute */
  /* CALL_FORMAT of a constant format string: an EX_FSTRING whose ND_FMTVALUEs read the
   * arguments (ival: the index in args, positional then keyword; -1: lhs, an attribute or
   * item of a name argument, evaluated where the field is formatted) */
  Node *format;
  Node *key;          /* key= of sorted, min, max and list.sort: a Callable of one element, or NULL */
  struct Iter *plan;  /* map(), filter(): their ITER_MAP plan (a loop's, or the list made of them at once) */
  struct DeclaredField *declared; /* CALL_DECLARE; a CALL_METHOD of a command declaration: its field */
  Field *field;       /* CALL_BUFFER: the field it declares (recv self, args[2] the value) */
  /* f(**d) of a function without a `**` parameter: d (EX_STARRED), and per
   * parameter a SpreadHow, which the runtime's check of d's keys reads */
  Node *spread;
  signed char *spread_how;
  const char *misfit; /* CALL_MISFIT: the exception's class and message; with args[0], a str, its `%.*s` */
} CallInfo;

/* A call that never comes back: of a function declared `-> NoReturn`
 * (sys.exit, by any name), or a CALL_MISFIT (check.c). */
bool never_returns(const Node *e);

/* What a call's `**d` may do for a parameter (gtorch_core.h's gt_kwhow, in
 * its order): give it (else its default applies), give it where it is
 * required, nothing where the call gives it by position or by name or
 * where d's values are of another type; SPREAD_NONE for a `*`, `**` or
 * skipped parameter, which d's keys do not name. */
typedef enum SpreadHow { SPREAD_NONE = -1, SPREAD_MAY, SPREAD_MUST, SPREAD_POSITIONAL, SPREAD_KEYWORD, SPREAD_UNFIT } SpreadHow;

/* One call declaring a field (argparse's add_argument), as
 * check_declared.c read it: the field (cls->fields[field]) and what emit
 * passes for each keyword; a keyword not given is NULL. */
typedef struct DeclaredField {
  Node *call;
  Func *fn;            /* the declaring method */
  ClassInfo *cls;
  int field;
  Node **flags;        /* the option strings (EX_STR); none for a positional */
  int nflags;
  const char *action;  /* "store", "store_true", ... */
  const char *nargs;   /* "?", "*", "+", a count in decimal, or NULL */
  const char *dest, *metavar;
  Type *conv;          /* type=: the element's type (int, float or str) */
  bool optional;       /* the field's type is an Optional: None is a value */
  bool required;
  Node *dflt, *cnst;   /* default=, of the field's type; const=, of the element's (a list field's: its own) */
  Node *choices;       /* a list or tuple display of the element's type */
  Node *help;          /* a str */
  bool confirmed;      /* the checker checked the call as one of the declaring method */
  struct DeclaredField *next_default; /* a set_defaults call's next keyword (dflt its value, dest its name) */
  /* a `-> command_declaration` call (add_subparsers) declares no more than its field (-1 without
   * dest=), which is optional unless `required`; it is otherwise an ordinary call */
} DeclaredField;

/* isinstance(x, int), isinstance(x, (str, list)), ...: true or false by x's
 * static type, or a test where it runs: an Optional holding a value, an
 * int | float holding an int or a float. */
typedef enum IsaTest { ISA_FALSE, ISA_TRUE, ISA_NOT_NONE,
                       /* an int | float | bool: is it an int (a bool too), a float, a bool, a float or a bool? */
                       ISA_NUM_INT, ISA_NUM_FLOAT, ISA_NUM_BOOL, ISA_NUM_NOT_INT,
                       ISA_CLASS_VALUE, /* issubclass(t, C) of a class value t: a test of its class's chain */
                       ISA_DYNAMIC, /* an item of a list of values of several types: the type inside, tested
                                       against CallInfo.isa_kinds */
                       ISA_UNION    /* a union value (or an Optional of one): which member it holds, tested
                                       against CallInfo.isa_members (and isa_within's classes) */
} IsaTest;

/* How a for loop or a comprehension walks its iterable; check.c decides it
 * (iter_plan) and stores it in the ST_FOR's or ND_COMP's `info`; reach.c
 * and emit.c only read it. enumerate() and zip() nest: their `subs` are
 * plans of their own, so `enumerate(zip(loader, range(0, 9, 3)))` is walked
 * lazily, one element of each at a time, as Python does. */
typedef enum IterKind {
  ITER_RANGE,      /* range(...): start, stop, step (NULL where absent) */
  ITER_LIST,
  ITER_STR,        /* one-character strs */
  ITER_DICT,       /* the keys, in insertion order */
  ITER_SET,        /* the elements, in the set's order */
  ITER_TUPLE,      /* a tuple of one element type */
  ITER_CLASS_LIST, /* a class whose __iter__ (iter_fn) returns a list */
  ITER_NEXT,       /* a class whose __iter__ (iter_fn) returns an extern iterator; next_fn its __next__ */
  ITER_ENUMERATE,  /* subs[0]; start or NULL */
  ITER_ZIP,        /* subs[0..nsubs) */
  ITER_MAP,        /* map(f, xs) / filter(f, xs) (expr, its CallInfo's args[0] the function, NULL for
                      filter(None, xs)): subs[0] walks xs, each item f(x), or x where f(x) is true */
  ITER_GENERATOR,  /* a generator (Iterator[T]), or a class whose __iter__ (iter_fn) is a generator method */
} IterKind;

typedef struct Iter Iter;
struct Iter {
  IterKind kind;
  Node *expr;          /* the iterable expression (the call for range, enumerate and zip) */
  Type *elem;          /* the type of one element */
  Node *start, *stop, *step;
  Node *strict;        /* zip(..., strict=x): x */
  Func *iter_fn, *next_fn;
  Iter **subs;
  int nsubs;
};

/* What a run of the checker learns for the next (check_flow.c), kept by
 * the driver across runs: the names that hold floats where they hold
 * numbers (an accumulator `total = 0` that a loop adds floats to), as
 * "f module:function.name"; the names that are Optional from their first
 * assignment on (`node = head` then `node = node.next`), as "o
 * module:function.name"; and the type of names first assigned None and read
 * before their T comes (`best = None`, then `best is None or x < best`
 * in a loop), as "n module:function.name=TYPE" (type_key). */
typedef struct Hints {
  char **names;
  int n, cap;
} Hints;

/* A name (sym) or a field of class cls assigned an instance of generic
 * class g whose constructor bound only some of its type variables
 * (`counts = defaultdict(int)`, `self.q = deque()`): what its
 * arguments and the later uses bound (targs, per g's tvars; NULL: not
 * yet, or a pending empty list of `defaultdict(list)`), the hint that
 * keeps the instance, the constructor call, and the name for messages
 * (check_flow.c). */
typedef struct UnboundUse {
  Sym *sym;
  ClassInfo *cls;
  const char *field;
  ClassInfo *g;
  Type **targs;
  const char *hint;
  Node *at;
  const char *name;
} UnboundUse;

/* A name whose type a run's later uses tell for the next run
 * (check_flow.c): the hint that keeps it, and the expression used. */
typedef struct NameHint {
  Sym *sym;
  const char *hint;
  Node *at;
} NameHint;

struct Program {
  Module *modules;     /* dependency order; the main module last */
  Module *main;
  Module *builtins;    /* the stdlib's builtins module, every module's enclosing scope, or NULL */
  Module *all;         /* through all_next, for finding a module by name */
  Type **types;        /* every interned type, in creation order */
  int ntypes, captypes;
  const char *stdlib_dir;
  Arena *arena;
  Diag *diag;
  CNames cnames;       /* every C name at file scope: the program's and the compiler's */
  CNames module_cnames;/* the modules' prefixes */
  NameMap default_names;/* names in the main module's default arguments (evaluated where called) */
  Type **pendings;     /* check.c: every pending empty list or dict, */
  Node **pending_at;   /* and the display that made it */
  int npendings, cappendings;
  int nfields_declared;/* check_expr.c add_field: the fields so far (Field.order) */
  /* check_flow.c: the str keys of dict[str, Any] displays and stores
   * (`{"epoch": 3, ...}`, `ckpt["epoch"] = 3`), each with the one type
   * its values have (NULL: several), and the reads of such keys where
   * nothing expects a type (`print(ckpt["epoch"])`), which they type. */
  const char **state_keys;
  Type **state_key_types;
  int nstate_keys, capstate_keys;
  Node **keyed_reads;
  int nkeyed_reads, capkeyed_reads;
  /* check_flow.c: the names and fields assigned a generic instance whose
   * types later uses tell (`counts = defaultdict(int)`, then `counts[w]
   * += 1`) */
  UnboundUse *unbound;
  int nunbound, capunbound;
  /* check_flow.c: the reads `ckpt["epoch"]` of an unannotated name that
   * is a dict[str, Tensor] (torch.load's first form), which a key the
   * program stores a value of another type under makes a dict[str, Any] */
  NameHint *tensor_dict_reads;
  int ntensor_dict_reads, captensor_dict_reads;
  Hints *hints;        /* the driver's, or NULL: nothing learnt is kept */
  bool rerun;          /* check.c learnt a hint: check the program again with it */
  bool reads_classes;  /* check_classobj.c: type(x) or x.__class__ reads an object's class where it runs */
  bool learnt_number;  /* this run learnt an "N" hint (check_flow.c learn) */
  bool has_try;        /* check.c: the program catches exceptions: some function has a try statement (a with
                        * block then has a handler), or a loop ends at an iterator class's StopIteration */
  /* check.c, while it runs: readies a generic class's instance made then
   * (its slots, its methods checked), as check_program does the others. */
  void (*class_made)(Program *p, ClassInfo *k);
  /* check.c, while top-level code is checked: the functions it has called
   * (and they call) whose bodies are not checked yet (note_early_call). */
  Func *ran_early;
  bool in_toplevel;
};

/* ---- types.c ---- */
void types_init(Program *p);
Type *type_prim(TypeKind k);
Type *type_list(Program *p, Type *elem);
Type *type_dict(Program *p, Type *key, Type *val);
Type *type_set(Program *p, Type *elem);
bool type_hashable(const Type *t);              /* a set's element may be one */
/* An instance of k is hashable: by identity without __eq__, else by its
 * __hash__ (a class with __eq__ and no __hash__ is not, as CPython's). */
bool class_hashable(const ClassInfo *k);
bool type_dict_key(const Type *t);              /* a dict's key may be one: also an object hashed by identity */
Type *type_tuple(Program *p, Type **items, int n);
Type *type_named_tuple(Program *p, NamedTuple *nt, Type **items);
Type *tuple_item(Program *p, const Type *t, int i);
/* check_flow.c: the field types of a functional named tuple, learnt by a
 * run for the next (a call's argument types) */
Type *named_tuple_learnt(Program *p, const NamedTuple *nt);
Type *named_tuple_sym_type(Program *p, Sym *y);  /* resolve.c: the tuple type of a named tuple's name */
bool named_tuple_learn(Program *p, const NamedTuple *nt, const Type *args);
Type *type_vartuple(Program *p, Type *elem);     /* tuple[elem, ...] */
Type *type_optional(Program *p, Type *elem);
Type *type_generator(Program *p, Type *elem);   /* Iterator[elem] */
Type *type_pending(Program *p, TypeKind kind);  /* `[]`, `{}` or `set()` whose element types are to come */
Type *type_settled(Type *t);                     /* a pending type's settled type, else t */
bool type_known(const Type *t);                  /* t holds no TY_UNKNOWN and no unsettled pending type */
Type *type_resolved(Program *p, Type *t);        /* t with every settled pending type replaced */
Type *type_class(Program *p, ClassInfo *c);
Type *type_callable(Program *p, Type **params, int n, Type *ret);  /* Callable[[params], ret] */
Type *type_dtyped(Program *p, Type *t, DtypeKind dtype);  /* a class type with a dtype kind */
Type *type_plain(Program *p, Type *t);                    /* without it */
Type *type_new(Program *p, TypeKind k);  /* not interned: func, module, ... */
const char *type_name(Program *p, const Type *t);  /* "list[int]" */
bool type_is_ref(const Type *t);        /* held by reference (str, list, object...) */
bool type_is_numeric(const Type *t);    /* int, float, bool */
bool type_is_dynamic(const Type *t);  /* builtins' _Dynamic: `object` items, `-> Any` values */
bool type_is_number(const Type *t);     /* int, float, bool or int | float */
bool number_pair(const Type *a, const Type *b);  /* both numbers, an int | float among them */
/* Does `a == b` of values of types a and b compare them (one type, both
 * numbers, or classes one deriving the other), as `x in (p, q)` tests
 * each item of a tuple[...] that may equal x? */
bool type_eq_compares(const Type *a, const Type *b);
Type *type_callable_any(Program *p, Type *ret);  /* Callable[..., R] */
Type *type_typevar(Program *p, const char *name);  /* a new type variable */
const char *type_mangled(Program *p, const Type *t);  /* "list[int]" as a C name's part: "list_int" */
/* An instance's C name: first_ for list[int] is first_int_ (the types after the name, before the
 * closing '_' of a program's names) */
const char *instance_cname_stem(Program *p, const char *cname, Type **targs, int n);
bool class_template(const ClassInfo *k);  /* a generic class, or an open instance of one: never checked or emitted */
bool type_has_typevar(const Type *t);
const Type *type_union_in(const Type *t);
Type *type_union(Program *p, Type **members, int n);
Type *type_union_values(Program *p, Type *t);
Type *union_member(const Type *u, const Type *t);
bool union_covers(const Type *u, const Type *t);
ClassInfo *union_base(const Type *u);
bool type_has_any(const Type *t);  /* Any at its top or inside: a program's types hold none */
/* t with each of tvars[i] replaced by targs[i] (where that is not NULL) */
Type *type_subst(Program *p, Type *t, Type **tvars, Type **targs, int n);
/* t as a text that names it again in another run over the program (NULL
 * for a type it cannot name), and the type such a text names from *s on. */
const char *type_key(Program *p, const Type *t);
Type *type_of_key(Program *p, const char **s);

/* ---- builtins.c ---- */
enum {
  BI_NONE, BI_PRINT, BI_LEN, BI_RANGE, BI_STR, BI_INT, BI_FLOAT, BI_BOOL, BI_ABS,
  BI_MIN, BI_MAX, BI_SUM, BI_ROUND, BI_SORTED, BI_REVERSED, BI_ENUMERATE, BI_ZIP,
  BI_LIST, BI_REPR, BI_INPUT, BI_ISINSTANCE, BI_DICT,
  BI_ANY, BI_ALL, BI_DIVMOD, BI_SET,
  BI_TUPLE,
  BI_MAP, BI_FILTER,
  BI_NEXT, BI_ITER,
  BI_ISSUBCLASS, BI_HASH,
  BI_HASATTR, BI_GETATTR,
};
int builtin_lookup(const char *name);
const char *builtin_name(int id);

/* A method of a built-in type. Parameter and result types are letters:
 * i int, f float, b bool, s str, S str or None, E element, K key, V value,
 * L the receiver's type itself (the list, the set), l list[str], T list[tuple[K, V]], k list[K],
 * v list[V], p tuple[str, str, str] (str.partition's; C gets its descriptor last, as for T), n None,
 * O Optional[V] (dict.get(k): C gets the None of V as the default),
 * X a str or a tuple of strs (startswith's: cfunc + "_tuple" takes the tuple), J a list[str] or a
 * tuple of strs (join's: cfunc + "_tuple" takes the tuple),
 * I (a set's `other`) a set of the receiver's type or
 * a list of its elements, as CPython's take any iterable: cfunc takes the
 * set, cfunc + "_list" the list; F (list.sort's key=, CallInfo.key) a
 * function of an element, not passed: with one, cfunc + "_by" takes the
 * list of keys instead; x an exception (an instance of the protocol="exception" class, gen.throw's). */
struct BMethod {
  TypeKind recv;
  const char *name;
  const char *params;     /* one letter per parameter */
  const char *pnames[3];
  const char *defaults[3];/* C text of each default, or NULL if required */
  char ret;
  const char *cfunc;
};
const BMethod *bmethod_lookup(TypeKind recv, const char *name);
TypeKind builtin_type_kind(int bi);  /* BI_STR: TY_STR */
const BMethod *bmethod_for_args(TypeKind recv, const char *name, int given);

/* ---- resolve.c: load modules, declare top-level names ---- */
Program *resolve_program(Arena *a, Diag *d, const char *path, const char *stdlib_dir);
Sym *scope_find(Scope *s, const char *name);
Sym *scope_add(Arena *a, Scope *s, SymKind kind, const char *name, Node *decl);
Type *resolve_annotation(Program *p, Module *m, Node *ann);
Type *typevar_default(Program *p, Type *v);  /* TypeVar(..., default=): its type, or NULL */
Type *class_default_instance(Program *p, ClassInfo *g);  /* the type g's bare name annotates */
ClassInfo *protocol_class(Program *p, Protocol proto);  /* the extern class declaring it, or NULL */
/* The instance of generic class g for targs (one per g->ntvars), made the first time. */
ClassInfo *class_instance(Program *p, ClassInfo *g, Type **targs);
/* Is there a module `name` (dotted) that module `from` could import? */
bool module_exists(Program *p, Module *from, const char *name);
/* The first method of k named `name` (the head of its overloads), or NULL;
 * a class's own methods first, then its base's. */
Func *class_method(const ClassInfo *k, const char *name);
Func *method_run_for(const ClassInfo *d, const Func *f);  /* d's method (or its instance) that a call of f runs */
Func *class_method_alias(const ClassInfo *k, const char *name);  /* `name = f` in its class body (or a base's) */
Sym *class_attr(const ClassInfo *k, const char *name);  /* a class attribute (`lr = 0.01` in the body), or NULL */
/* Is st, in a class body, a class attribute's assignment (`lr = 0.01`, `count: int = 0`)? */
bool class_attr_stmt(const Node *st);
/* The function a callee (a name, a dotted name) means in module m, through
 * imports, or NULL where it means no function. */
Func *resolve_callee(Program *p, Module *m, Node *callee);
/* Does class k derive from (or equal) class base? */
bool class_derives(const ClassInfo *k, const ClassInfo *base);
/* The nearest class that a and b both derive or are (a Module of two models), or NULL. */
ClassInfo *common_base_class(const ClassInfo *a, const ClassInfo *b);
ClassInfo *common_base(const Type *a, const Type *b);  /* of two class types, or NULL */
/* May a value of class k be a module some call hooks (ClassInfo.forward_hooked)? */
bool module_may_be_hooked(const Program *p, const ClassInfo *k);
bool class_is_a(const ClassInfo *k, const ClassInfo *base);  /* isinstance: derives, or an instance class of a generic base */
/* Names in the C (see "Names in the C" in docs/language.md): `name` (a
 * .gtp name, or a qualified one such as "Point_move") as a C identifier
 * claimed in `ns`: name + "_" (u_ before a name the C implementation or the
 * runtime owns), numbered ("name_2_") where that is taken in ns or a scope
 * around it. Distinct claims in one scope get distinct identifiers. */
const char *c_ident(Program *p, CNames *ns, const char *name);
/* A parameter's, local's or comprehension variable's C name in f; with
 * `hides` (a parameter or local, not a comprehension variable, whose C
 * declaration spans the whole function), the C name of the main module's
 * global of that name where Python's rules say f cannot read it. */
const char *c_local(Program *p, Func *f, const char *name, bool hides);
/* A compiler-made file-scope name (a type descriptor, ...): `stem`, or
 * stem + a number where that is taken; never ends with '_' but where the
 * stem does (a nested def's, `fit_` + `closure_`, as a source name's). */
const char *c_internal(Program *p, const char *stem);
/* The class that `dict[str, Any]` names (protocol="any_dict": torch's
 * StateDict), where a module loaded declares one; else NULL. */
ClassInfo *any_dict_class(Program *p);
/* The class of protocol="dynamic" (builtins' _Dynamic), or NULL. */
ClassInfo *dynamic_class(Program *p);
/* The file-scope C name of another global of module m named `name` (a
 * version of it, check_flow.c). */
const char *c_global(Program *p, Module *m, const char *name);

/* ---- transform.c: the methods a class transform writes ---- */
/* The ST_FUNCDEFs that decorator `dec`, which calls or names t, writes
 * for class c (which has none of them yet), or NULL; sets c->frozen. */
Node *transform_class(Program *p, ClassInfo *c, const Func *t, const Node *dec);
/* A class deriving enum.Enum (protocol "enum"): its members made (their
 * assignments' values rewritten in place) and the methods it is to take. */
Node *transform_enum(Program *p, ClassInfo *c);

/* ---- check.c: types of every expression ---- */
bool check_program(Program *p);

/* ---- reach.c: marks Func.used and ClassInfo.constructed ---- */
void reach_program(Program *p);

/* ---- emit.c ---- */
typedef struct EmitOptions {
  bool line_directives;  /* -g */
  const char *c_path;    /* -g: where the C is written, for lines of no .gtp statement */
} EmitOptions;
void emit_program(Program *p, FILE *out, const EmitOptions *opt);

#endif
