// Every recursive form of Rust, repeated a million times (or as often as fits the
// source limit), through every query on the main thread and on a thread with a 512 KB
// stack (docs/DESIGN.md §11, syntax/nesting_limit.h): nothing may overflow the stack, hang or
// grow without bound, and code next to the deep part still answers. Forms: nested
// and chained expressions, `else if`, closures, types, patterns, paths, items, use
// trees, attributes and cfg predicates, macro definitions, calls and recursion, and
// chains that nest only through meaning (aliases, supertraits, Deref, generic calls,
// types grown one `let` at a time).
//
// Under a sanitizer the forms repeat 20,000 times (far past every budget, a tenth of
// the time) and the small thread gets 16 times the stack: ASan's redzones make frames
// about ten times larger, so the 512 KB bound is a property of the optimized build.
#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>
#include <string>
#include <vector>

#include "base/source_limit.h"
#include "frontends/cli/racer_commands.h"
#include "frontends/session.h"
#include "ide/query.h"
#include "ide/signature_help.h"
#include "index/item_tree_builder.h"
#include "index/item_tree_dump.h"
#include "support/fixture.h"
#include "support/memory_world.h"
#include "support/sanitizer.h"
#include "syntax/parse.h"
#include "syntax/tree_dump.h"

namespace ferret::testing {
namespace {

#ifdef FERRET_SANITIZED
constexpr int kRepetitions = 20000;
constexpr size_t kSmallStack = size_t{512} * 1024 * 16;
#else
constexpr int kRepetitions = 1000000;
constexpr size_t kSmallStack = size_t{512} * 1024;
#endif

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// `open` n times, `middle`, `close` n times.
std::string nest(std::string_view open, std::string_view middle, std::string_view close, int n) {
  return repeat(open, n) + std::string(middle) + repeat(close, n);
}

// A file whose `main` holds `statement` between a String binding and a dot on it, with
// `items` before it and a plain function after it whose dot must always answer.
std::string in_main(const std::string& statement, const std::string& items = "") {
  return items + "\nfn main() {\n    let s = String::new();\n    " + statement +
         "\n    s.\n}\nfn tail() {\n    let t = String::new();\n    t.\n}\n";
}

struct Form {
  const char* name;
  std::function<std::string(int)> text;  // the file for n repetitions
};

// gtest prints a parameter in the test's description: the form's name.
void PrintTo(const Form& f, std::ostream* os) {
  *os << f.name;
}

std::string numbered(std::string_view pattern, int n) {
  // `pattern` with `#` as i and `@` as i + 1, for i in 0..n.
  std::string out;
  for (int i = 0; i < n; ++i) {
    for (char c : pattern) {
      if (c == '#') {
        out += std::to_string(i);
      } else if (c == '@') {
        out += std::to_string(i + 1);
      } else {
        out += c;
      }
    }
  }
  return out;
}

const std::vector<Form>& forms() {
  static const std::vector<Form> kForms = {
      // Expressions nested by the grammar.
      {"parens", [](int n) { return in_main("let x = " + nest("(", "1", ")", n) + ";"); }},
      {"blocks", [](int n) { return in_main("let x = " + nest("{", "1", "}", n) + ";"); }},
      {"unsafe_blocks",
       [](int n) { return in_main("let x = " + nest("unsafe {", "1", "}", n) + ";"); }},
      {"arrays", [](int n) { return in_main("let x = " + nest("[", "1", "]", n) + ";"); }},
      {"tuples", [](int n) { return in_main("let x = " + nest("(", "1", ",)", n) + ";"); }},
      {"struct_literals",
       [](int n) { return in_main("let x = " + nest("S { a: ", "1", " }", n) + ";"); }},
      {"not", [](int n) { return in_main("let x = " + repeat("!", n) + "true;"); }},
      {"negation", [](int n) { return in_main("let x = " + repeat("-", n) + "1;"); }},
      {"deref", [](int n) { return in_main("let x = " + repeat("*", n) + "s;"); }},
      {"refs", [](int n) { return in_main("let x = " + repeat("& ", n) + "s;"); }},
      {"mut_refs", [](int n) { return in_main("let x = " + repeat("&mut ", n) + "s;"); }},
      {"closures", [](int n) { return in_main("let x = " + repeat("|x| ", n) + "x;"); }},
      {"returns", [](int n) { return in_main("let x = " + repeat("return ", n) + "1;"); }},
      {"if_nested",
       [](int n) {
         return in_main("let x = " + nest("if true { ", "1", " } else { 1 }", n) + ";");
       }},
      {"else_if",
       [](int n) {
         return in_main("let x = if a {1}" + repeat(" else if a {1}", n) + " else {2};");
       }},
      {"match_nested",
       [](int n) { return in_main("let x = " + nest("match s { _ => ", "1", " }", n) + ";"); }},
      {"loops", [](int n) { return in_main("let x = " + nest("loop { ", "1", " }", n) + ";"); }},
      {"macro_calls_nested",
       [](int n) { return in_main("let x = " + nest("vec![", "1", "]", n) + ";"); }},
      {"const_blocks_in_type",
       [](int n) { return in_main("let x: [u8; " + nest("{", "1", "}", n) + "] = [];"); }},
      // Left-deep chains: loops in the parser, nesting in the tree.
      {"binary_chain", [](int n) { return in_main("let x = 1" + repeat(" + 1", n) + ";"); }},
      {"assign_chain", [](int n) { return in_main("let x = a" + repeat(" = a", n) + ";"); }},
      {"cast_chain", [](int n) { return in_main("let x = 1" + repeat(" as u8", n) + ";"); }},
      {"comparison_chain", [](int n) { return in_main("let x = 1" + repeat(" < 1", n) + ";"); }},
      {"and_chain", [](int n) { return in_main("let x = a" + repeat(" && a", n) + ";"); }},
      {"let_chain",
       [](int n) {
         return in_main("if let Some(a) = b" + repeat(" && let Some(a) = b", n) + " {}");
       }},
      {"ranges", [](int n) { return in_main("let x = 1" + repeat("..1", n) + ";"); }},
      {"method_chain", [](int n) { return in_main("let x = s" + repeat(".clone()", n) + ";"); }},
      {"field_chain", [](int n) { return in_main("let x = s" + repeat(".a", n) + ";"); }},
      {"index_chain", [](int n) { return in_main("let x = s" + repeat("[0]", n) + ";"); }},
      {"call_chain", [](int n) { return in_main("let x = f" + repeat("()", n) + ";"); }},
      {"try_chain", [](int n) { return in_main("let x = s" + repeat("?", n) + ";"); }},
      {"await_chain", [](int n) { return in_main("let x = s" + repeat(".await", n) + ";"); }},
      {"path_chain", [](int n) { return in_main("let x = a" + repeat("::a", n) + ";"); }},
      {"long_string", [](int n) { return in_main("let x = \"" + repeat("a", n) + "\";"); }},
      // Types.
      {"generic_types",
       [](int n) { return in_main("let x: " + nest("Vec<", "u8", ">", n) + " = 1;"); }},
      {"ref_types", [](int n) { return in_main("let x: " + repeat("&", n) + "u8 = 1;"); }},
      {"pointer_types",
       [](int n) { return in_main("let x: " + repeat("*const ", n) + "u8 = 1;"); }},
      {"array_types",
       [](int n) { return in_main("let x: " + nest("[", "u8", "; 1]", n) + " = 1;"); }},
      {"tuple_types",
       [](int n) { return in_main("let x: " + nest("(", "u8", ",)", n) + " = 1;"); }},
      {"paren_types", [](int n) { return in_main("let x: " + nest("(", "u8", ")", n) + " = 1;"); }},
      {"fn_pointer_types",
       [](int n) { return in_main("let x: " + repeat("fn() -> ", n) + "u8 = 1;"); }},
      {"dyn_fn_types",
       [](int n) { return in_main("let x: " + nest("Box<dyn Fn(", "u8", ")>", n) + " = 1;"); }},
      {"qualified_paths",
       [](int n) {
         return in_main("let x: " + repeat("<", n) + "T" + repeat(" as A>::B", n) + " = 1;");
       }},
      {"impl_fn_return",
       [](int n) {
         return in_main("let x = f();", "fn f() -> " + repeat("impl Fn() -> ", n) + "u8 { 1 }");
       }},
      {"signature_types",
       [](int n) {
         return in_main("let x = f(1);", "fn f(a: " + nest("Option<", "u8", ">", n) + ") {}");
       }},
      {"field_types",
       [](int n) {
         return in_main("let x = 1;", "struct S { a: " + nest("Box<", "u8", ">", n) + " }");
       }},
      {"where_clauses",
       [](int n) {
         return in_main("let x = 1;", "fn g<T>() where T: " + nest("A<", "u8", ">", n) + " {}");
       }},
      {"generic_bounds",
       [](int n) {
         return in_main("let x = 1;", "fn g<T: " + nest("A<", "u8", ">", n) + ">() {}");
       }},
      // Patterns.
      {"paren_patterns", [](int n) { return in_main("let " + nest("(", "x", ")", n) + " = 1;"); }},
      {"ref_patterns", [](int n) { return in_main("let " + repeat("&", n) + "x = 1;"); }},
      {"tuple_struct_patterns",
       [](int n) { return in_main("let " + nest("Some(", "x", ")", n) + " = 1;"); }},
      {"slice_patterns", [](int n) { return in_main("let " + nest("[", "x", "]", n) + " = 1;"); }},
      {"binding_patterns", [](int n) { return in_main("let " + repeat("x @ ", n) + "y = 1;"); }},
      {"or_patterns", [](int n) { return in_main("let x" + repeat(" | x", n) + " = 1;"); }},
      // Items and attributes.
      {"modules",
       [](int n) { return in_main("let x = 1;", nest("mod a { ", "fn f() {}", " }", n)); }},
      {"fns_in_fns",
       [](int n) {
         return in_main("let x = 1;", "fn g() { " + nest("fn f() { ", "", " }", n) + " }");
       }},
      {"impls_in_fns",
       [](int n) {
         return in_main("let x = 1;", nest("fn f() { struct S; impl S { ", "", " } }", n));
       }},
      {"use_trees",
       [](int n) { return in_main("let x = 1;", "use " + nest("a::{", "b", "}", n) + ";"); }},
      {"attributes",
       [](int n) {
         return in_main("let x = 1;", "#[a" + nest("(a", "", ")", n) + "]\nfn g() {}");
       }},
      {"cfg_all",
       [](int n) {
         return in_main("let x = 1;", "#[cfg(" + nest("all(", "unix", ")", n) + ")]\nfn g() {}");
       }},
      {"cfg_not",
       [](int n) {
         return in_main("let x = 1;", "#[cfg(" + nest("not(", "unix", ")", n) + ")]\nfn g() {}");
       }},
      {"doc_brackets",
       [](int n) { return in_main("let x = 1;", "/// " + repeat("[", n) + "\nfn g() {}"); }},
      // Macros.
      {"macro_body_groups",
       [](int n) {
         return in_main("let x = m!();",
                        "macro_rules! m { () => { " + nest("(", "1", ")", n) + " } }");
       }},
      {"macro_pattern_repetitions",
       [](int n) {
         return in_main("let x = m!(a);",
                        "macro_rules! m { (" + nest("$(", "a", ")*", n) + ") => { 1 } }");
       }},
      {"macro_repetitions_in_a_row",
       [](int n) {
         return in_main("let x = m!(a);",
                        "macro_rules! m { (" + repeat("$($a:tt)* ", n) + ") => { 1 } }");
       }},
      {"macro_argument_groups",
       [](int n) {
         return in_main("let x = m!(" + nest("(", "1", ")", n) + ");",
                        "macro_rules! m { ($($t:tt)*) => { $($t)* } }");
       }},
      {"macro_recursion",
       [](int n) {
         return in_main("let x = m!(" + repeat("x ", n) + ");",
                        "macro_rules! m { () => {0}; (x $($t:tt)*) => { 1 + m!($($t)*) } }");
       }},
      {"macro_expression_calls",
       [](int n) {
         return in_main("let x = " + nest("m!(", "1", ")", n) + ";",
                        "macro_rules! m { ($e:expr) => { $e } }");
       }},
      // Chains through meaning: each step names the next.
      {"type_alias_chain",
       [](int n) {
         return in_main("let x: A0 = A0::new();", numbered("type A# = A@;\n", n) + "type A" +
                                                      std::to_string(n) + " = String;");
       }},
      {"type_alias_doubling",
       [](int n) {
         return in_main("let x: A0 = loop {};", numbered("type A# = (A@, A@);\n", n) + "type A" +
                                                    std::to_string(n) + " = u8;");
       }},
      {"supertrait_chain",
       [](int n) {
         return in_main("let x = 1;", numbered("trait T#: T@ {}\n", n) + "trait T" +
                                          std::to_string(n) +
                                          " { fn z(&self); }\nfn g<X: T0>(x: X) { x.z(); }");
       }},
      {"deref_chain",
       [](int n) {
         return in_main("let x = S0.z;",
                        "use std::ops::Deref;\n" +
                            numbered("struct S#; impl Deref for S# { type Target = S@; fn "
                                     "deref(&self) -> &S@ { loop {} } }\n",
                                     n) +
                            "struct S" + std::to_string(n) + " { z: u8 }");
       }},
      {"generic_call_nesting",
       [](int n) {
         return in_main("let x = " + nest("w(", "1", ")", n) + ";",
                        "fn w<T>(t: T) -> Option<T> { Some(t) }");
       }},
      {"types_grown_by_lets",
       [](int n) {
         return in_main("let a0 = 1;" + numbered(" let a@ = vec![a#];", n) + " let x = 1;");
       }},
      {"types_doubled_by_lets",
       [](int n) {
         return in_main("let a0 = 1u8;" + numbered(" let a@ = d(a#);", n) + " let x = 1;",
                        "fn d<T>(t: T) -> (T, T) { loop {} }");
       }},
  };
  return kForms;
}

// The form's text with as many repetitions as fit under the source limit.
std::string form_text(const Form& f) {
  int n = kRepetitions;
  std::string text = f.text(n);
  if (text.size() > base::kMaxSourceBytes) {
    n = static_cast<int>(static_cast<double>(n) * (base::kMaxSourceBytes - 4096) / text.size());
    text = f.text(n);
  }
  return text;
}

// One command through the racer front end (what the CLI, daemon and C API run).
std::string racer(frontends::Session& s, std::vector<std::string> args) {
  return cli::run_racer_command(s, args, cli::Interface::Text, false).out;
}

struct Answers {
  std::string tail_completion;  // after `t.` in the plain function
  std::string tail_definition;  // `String` in `String::new()` there
  std::string tail_type;        // `t`
  bool done = false;
};

// Every query at every interesting place of the form's file: parse and dump it, build
// and dump its item tree, then complete, find the definition, give the type and
// explain in main and in tail, and ask for signature help in main.
Answers run_all(const std::string& text) {
  Answers a;
  syntax::SyntaxTree tree = syntax::parse(text);
  EXPECT_FALSE(syntax::dump_sexpr(tree).empty());
  EXPECT_FALSE(index::dump_item_tree(index::build_item_tree(tree, false)).empty());

  MemoryWorld world;
  std::string mini = fixtures_root() + "/minicore/";
  world.add_minicore(read_file(mini + "core.rs"), read_file(mini + "alloc.rs"),
                     read_file(mini + "std.rs"));
  const std::string path = "/deep/main.rs";
  world.files->add_file(path, text);
  frontends::Session s(world.session_world());

  auto line_col = [&](size_t offset) {
    size_t line_start = text.rfind('\n', offset - 1);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    size_t line = 1 + static_cast<size_t>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    return std::make_pair(std::to_string(line), std::to_string(offset - line_start));
  };
  size_t main_dot = text.find("\n    s.\n") + 7;
  size_t tail_dot = text.rfind("t.\n") + 2;
  size_t tail_string = text.rfind("String::new()") + 2;
  size_t tail_binding = text.rfind("let t") + 4;
  for (size_t at : {main_dot, tail_dot}) {
    auto [l, c] = line_col(at);
    std::string out = racer(s, {"complete", l, c, path});
    if (at == tail_dot) a.tail_completion = out;
    racer(s, {"explain", l, c, path});
  }
  auto [sl, sc] = line_col(tail_string);
  a.tail_definition = racer(s, {"find-definition", sl, sc, path});
  auto [tl, tc] = line_col(tail_binding);
  a.tail_type = racer(s, {"type", tl, tc, path});
  size_t x = text.find("let x");
  if (x != std::string::npos) {
    auto [xl, xc] = line_col(x + 4);
    racer(s, {"type", xl, xc, path});
    racer(s, {"find-definition", xl, xc, path});
    if (std::unique_ptr<ide::Query> q = s.query(path, static_cast<uint32_t>(x + 8))) {
      ide::signature_help(*q);
    }
  }
  a.done = true;
  return a;
}

struct Job {
  const std::string* text;
  Answers answers;
};

void* run_job(void* p) {
  Job& job = *static_cast<Job*>(p);
  job.answers = run_all(*job.text);
  return nullptr;
}

Answers on_small_thread(const std::string& text) {
  Job job{&text, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kSmallStack);
  pthread_t thread;
  EXPECT_EQ(pthread_create(&thread, &attr, run_job, &job), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return job.answers;
}

void expect_tail_answers(const Answers& a) {
  ASSERT_TRUE(a.done);
  EXPECT_NE(a.tail_completion.find("MATCH push_str,"), std::string::npos) << a.tail_completion;
  EXPECT_NE(a.tail_definition.find("MATCH String,"), std::string::npos) << a.tail_definition;
  EXPECT_EQ(a.tail_type, "String\n");
}

class HostileDeepNesting : public ::testing::TestWithParam<Form> {};

TEST_P(HostileDeepNesting, MainThread) {
  std::string text = form_text(GetParam());
  expect_tail_answers(run_all(text));
}

TEST_P(HostileDeepNesting, SmallThread) {
  std::string text = form_text(GetParam());
  expect_tail_answers(on_small_thread(text));
}

INSTANTIATE_TEST_SUITE_P(Forms, HostileDeepNesting, ::testing::ValuesIn(forms()),
                         [](const ::testing::TestParamInfo<Form>& p) {
                           return std::string(p.param.name);
                         });

}  // namespace
}  // namespace ferret::testing

namespace ferret::testing {
namespace {

// A workspace of crates each depending on the next and re-exporting it: a chain of
// dependencies makes a chain of def maps (each import needs the next crate's map) (and of cache
// headers, and of crate fingerprints) to build, which must not be a chain of stack frames.
Answers crate_chain_answers(int crates) {
  MemoryWorld world;
  std::string mini = fixtures_root() + "/minicore/";
  world.add_minicore(read_file(mini + "core.rs"), read_file(mini + "alloc.rs"),
                     read_file(mini + "std.rs"));
  for (int i = 0; i < crates; ++i) {
    std::string dir = "/ws/c" + std::to_string(i);
    std::string manifest = "[package]\nname = \"c" + std::to_string(i) +
                           "\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
    if (i + 1 < crates) {
      manifest += "[dependencies]\nc" + std::to_string(i + 1) + " = { path = \"../c" +
                  std::to_string(i + 1) + "\" }\n";
    }
    world.files->add_file(dir + "/Cargo.toml", manifest);
    world.files->add_file(dir + "/src/lib.rs",
                          i + 1 < crates
                              ? "pub use c" + std::to_string(i + 1) + "::Deep;\n"
                              : "pub struct Deep;\nimpl Deep { pub fn bottom(&self) {} }\n");
  }
  const std::string path = "/ws/c0/src/main.rs";
  const std::string text = "fn main() {\n    let d = c0::Deep;\n    d.\n}\n";
  world.files->add_file(path, text);
  Answers a;
  // Twice: the second session finds every map in the cache and checks the chain of
  // headers instead.
  for (int round = 0; round < 2; ++round) {
    frontends::Session s(world.session_world());
    a.tail_completion = racer(s, {"complete", "3", "6", path});
    a.tail_definition = racer(s, {"find-definition", "2", "17", path});
    s.flush_cache();
  }
  a.done = true;
  return a;
}

struct ChainJob {
  int crates;
  Answers answers;
};

TEST(HostileCrateChain, TwoThousandCratesOnASmallThread) {
  ChainJob job{2000, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kSmallStack);
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attr,
                [](void* p) -> void* {
                  auto& j = *static_cast<ChainJob*>(p);
                  j.answers = crate_chain_answers(j.crates);
                  return nullptr;
                },
                &job),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  ASSERT_TRUE(job.answers.done);
  EXPECT_NE(job.answers.tail_completion.find("MATCH bottom,"), std::string::npos)
      << job.answers.tail_completion;
  EXPECT_NE(job.answers.tail_definition.find("MATCH Deep,"), std::string::npos)
      << job.answers.tail_definition;
}

}  // namespace
}  // namespace ferret::testing
