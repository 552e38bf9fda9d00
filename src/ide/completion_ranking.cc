// Completion ranking signals and scores (see completion_ranking.h).
#include "ide/completion_ranking.h"

#include <cmath>

namespace ferret::ide {

using syntax::TokenKind;

namespace {

enum class Position : uint8_t { Dot, Path, Bare };

Position position_before(const std::vector<syntax::Token>& toks, size_t i) {
  if (i >= 1 && toks[i - 1].kind == TokenKind::Dot) return Position::Dot;
  if (i >= 2 && toks[i - 1].kind == TokenKind::Colon && toks[i - 2].kind == TokenKind::Colon)
    return Position::Path;
  return Position::Bare;
}

Position position_of(const CompletionContext& c) {
  switch (c.kind) {
    case CompletionKind::Dot: return Position::Dot;
    case CompletionKind::Path:
    case CompletionKind::UseTree:
      return c.qualifier.segments.empty() ? Position::Bare : Position::Path;
    default: return Position::Bare;
  }
}

bool same_line(std::string_view text, uint32_t from, uint32_t to) {
  if (to > text.size() || from > to) return false;
  return text.substr(from, to - from).find('\n') == std::string_view::npos;
}

// The number of arguments in the call whose `(` is token `open`: top-level commas,
// an empty list 0, a trailing comma not counted; -1 when the list is not closed.
int count_arguments(const std::vector<syntax::Token>& toks, size_t open) {
  int depth = 0;
  int commas = 0;
  bool any = false;
  bool after_comma = false;
  for (size_t i = open + 1; i < toks.size(); ++i) {
    TokenKind k = toks[i].kind;
    if (k == TokenKind::Eof) return -1;
    if (k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace) ++depth;
    if (k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace) {
      if (depth == 0)
        return k == TokenKind::RParen ? (any ? commas + (after_comma ? 0 : 1) : 0) : -1;
      --depth;
      continue;
    }
    if (depth == 0 && k == TokenKind::Comma) {
      ++commas;
      after_comma = true;
      continue;
    }
    any = true;
    after_comma = false;
  }
  return -1;
}

bool is_callable(const Match& m) {
  switch (m.kind) {
    case MatchKind::Function:
    case MatchKind::Method:
    case MatchKind::Macro: return true;
    case MatchKind::Struct:
    case MatchKind::EnumVariant: {
      // Tuple structs and variants are called: `S(`, `V(`.
      size_t name = m.context.find(m.name);
      return name != std::string::npos && m.context.compare(name + m.name.size(), 1, "(") == 0;
    }
    default: return false;
  }
}

bool has_record_fields(const Match& m) {
  if (m.kind != MatchKind::Struct && m.kind != MatchKind::EnumVariant &&
      m.kind != MatchKind::Union && m.kind != MatchKind::Type && m.kind != MatchKind::UseAlias) {
    return false;
  }
  return m.kind == MatchKind::Type || m.kind == MatchKind::UseAlias ||
         m.context.find('{') != std::string::npos;
}

bool has_members(const Match& m) {
  switch (m.kind) {
    case MatchKind::Module:
    case MatchKind::Crate:
    case MatchKind::Struct:
    case MatchKind::Enum:
    case MatchKind::Union:
    case MatchKind::Trait:
    case MatchKind::Type:
    case MatchKind::AssocType:
    case MatchKind::UseAlias:
    case MatchKind::TypeParameter:
    case MatchKind::Builtin: return true;
    default: return false;
  }
}

// Parameters a function's snippet lists (`name(${1:a: A}, ${2:b: B})`, self left out).
int snippet_arity(const Match& m) {
  size_t open = m.snippet.find('(');
  if (open == std::string::npos) return -1;
  int n = 0;
  for (size_t i = m.snippet.find("${", open); i != std::string::npos;
       i = m.snippet.find("${", i + 2))
    ++n;
  return n;
}

float relevance_points(Relevance r) {
  switch (r) {
    case Relevance::Local: return 5.0f;
    case Relevance::Field: return 4.5f;
    case Relevance::Inherent: return 4.0f;
    case Relevance::Item: return 3.0f;
    case Relevance::Trait: return 2.5f;
    case Relevance::Deref: return 2.0f;
    case Relevance::Speculative: return 1.0f;
    case Relevance::Prelude: return 1.0f;
    case Relevance::Builtin: return 0.5f;
    case Relevance::NotImported: return -1.0f;
  }
  return 0.0f;
}

}  // namespace

RankingSignals ranking_signals(const Query& q, const CompletionContext& c,
                               const std::vector<Match>& matches) {
  RankingSignals s;
  // Only the candidates' names are counted: a large file holds many more.
  for (const Match& m : matches) s.usage.emplace(m.name, 0.0f);
  s.type_position = c.in_type;
  s.type_path = c.kind == CompletionKind::Path && !c.qualifier.segments.empty();
  const std::vector<syntax::Token>& toks = q.tree.tokens();
  std::string_view text = q.tree.text();
  Position here = position_of(c);
  for (size_t i = 0; i < toks.size(); ++i) {
    const syntax::Token& t = toks[i];
    if (t.kind != TokenKind::Ident || t.end() > text.size()) continue;
    if (t.start <= c.prefix_end && t.end() >= c.prefix_start) continue;  // the name being typed
    auto use = s.usage.find(text.substr(t.start, t.len));
    if (use == s.usage.end()) continue;
    uint32_t dist = t.start > c.prefix_end ? t.start - c.prefix_end : c.prefix_start - t.start;
    float weight = 1.0f + 3.0f / (1.0f + static_cast<float>(dist) / 2000.0f);
    if (position_before(toks, i) != here) weight *= 0.3f;
    use->second += weight;
  }
  // The cursor inside an identifier (`Foo::B|ar`): the name written there is what the
  // user has; it comes first, the others after it.
  uint32_t end = ident_end(text, c.prefix_end);
  if (end > c.prefix_end)
    s.written = std::string(text.substr(c.prefix_start, end - c.prefix_start));
  // What follows the identifier on the same line.
  size_t next = q.tree.token_at_offset(c.prefix_end);
  while (next < toks.size() && toks[next].start < c.prefix_end) ++next;
  if (next < toks.size() && toks[next].kind != TokenKind::Eof &&
      same_line(text, c.prefix_end, toks[next].start)) {
    TokenKind k = toks[next].kind;
    bool turbofish = k == TokenKind::Colon && next + 2 < toks.size() &&
                     toks[next + 1].kind == TokenKind::Colon &&
                     toks[next + 2].kind == TokenKind::Lt;
    if (k == TokenKind::LParen || turbofish) {
      s.call_follows = true;
      if (k == TokenKind::LParen) s.args_following = count_arguments(toks, next);
    } else if (k == TokenKind::LBrace) {
      s.brace_follows = true;
    } else if (k == TokenKind::Colon && next + 1 < toks.size() &&
               toks[next + 1].kind == TokenKind::Colon) {
      s.path_follows = true;  // `Name::`: something with members
    } else if (k != TokenKind::Bang && k != TokenKind::Ident && k != TokenKind::Lt) {
      s.other_follows = true;
    }
  }
  return s;
}

void score_matches(std::vector<Match>& matches, const RankingSignals& s) {
  for (Match& m : matches) {
    float score = relevance_points(m.relevance) + m.type_fit;
    if (!s.written.empty() && m.name == s.written) score += 10.0f;
    auto it = s.usage.find(m.name);
    // A primitive type named in types nearby says little about a value being written.
    bool type_only = m.kind == MatchKind::Builtin && !s.type_position;
    if (it != s.usage.end() && !type_only) score += 1.5f * std::log2(1.0f + it->second);
    if (s.type_path && m.takes_self) score -= 1.0f;  // `Type::method` is rarer than `Type::new`
    bool callable = is_callable(m);
    if (s.call_follows) {
      score += callable ? 3.0f : -3.0f;
      int arity =
          m.kind == MatchKind::Function || m.kind == MatchKind::Method ? snippet_arity(m) : -1;
      if (callable && arity >= 0 && s.args_following >= 0)
        score += arity == s.args_following ? 1.5f : -1.0f;
    } else if (s.brace_follows) {
      score += has_record_fields(m) ? 2.0f : -1.0f;
    } else if (s.path_follows) {
      score += has_members(m) ? 2.0f : -2.0f;
    } else if (s.other_follows) {
      if (m.kind == MatchKind::Function || m.kind == MatchKind::Method) score -= 2.0f;
      if (has_members(m)) score -= 0.5f;
    }
    m.score = score;
  }
}

}  // namespace ferret::ide
