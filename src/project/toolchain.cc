// Choosing the trusted toolchain (see toolchain.h).
#include "project/toolchain.h"

#include "project/paths.h"

namespace ferret::project {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string user_choice(const Host& host, const char* variable) {
  return host.getenv(variable).value_or("");
}

// `sysroot/bin/NAME` when the sysroot has it, else `fallback`.
std::string sysroot_binary(const Host& host, const std::string& sysroot, const char* name,
                           const std::string& fallback) {
  if (sysroot.empty()) return fallback;
  std::string path = join_path(sysroot, std::string("bin/") + name);
  return host.fs().is_file(path) ? path : fallback;
}

std::string probe_sysroot(const Host& host, const std::string& rustc) {
  Command probe{{rustc, "--print", "sysroot"}, kNeutralDirectory, {}, kRustcProbeTimeoutMs};
  ProcessResult r = host.run(probe);
  if (!r.started || r.exit_code != 0) return "";
  std::string sysroot = trimmed(r.out);
  if (sysroot.empty() || sysroot.front() != '/' || sysroot.find('\n') != std::string::npos)
    return "";
  return normalize_path(sysroot);
}

}  // namespace

Toolchain resolve_toolchain(const Host& host) {
  Toolchain t;
  std::string user_rustc = user_choice(host, "RUSTC");
  std::string user_cargo = user_choice(host, "CARGO");
  t.sysroot = probe_sysroot(host, user_rustc.empty() ? "rustc" : user_rustc);
  t.rustc = !user_rustc.empty() ? user_rustc : sysroot_binary(host, t.sysroot, "rustc", "rustc");
  t.cargo = !user_cargo.empty() ? user_cargo : sysroot_binary(host, t.sysroot, "cargo", "cargo");
  if (!t.sysroot.empty()) t.env.emplace_back("RUSTUP_TOOLCHAIN", t.sysroot);
  t.env.emplace_back("RUSTC", t.rustc);
  t.env.emplace_back("RUSTC_WRAPPER", "");
  t.env.emplace_back("RUSTC_WORKSPACE_WRAPPER", "");
  return t;
}

Command toolchain_command(const Toolchain& toolchain, std::vector<std::string> argv,
                          int timeout_ms) {
  return Command{std::move(argv), kNeutralDirectory, toolchain.env, timeout_ms};
}

const Toolchain& LazyToolchain::get() {
  if (!toolchain_) toolchain_ = resolve_toolchain(host_);
  return *toolchain_;
}

}  // namespace ferret::project
