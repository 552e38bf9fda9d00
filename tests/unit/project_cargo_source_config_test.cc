// The project's source replacement forwarded to cargo as data: only `[source.NAME]`
// keys that say where sources are, string values only, paths made absolute, the
// nearest config file last (it wins), `config` over `config.toml`, names and values
// quoted as TOML, broken files ignored.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file_system.h"
#include "project/cargo_source_config.h"

namespace ferret::project {
namespace {

using Entries = std::vector<std::string>;

TEST(ProjectCargoSourceConfig, VendoredSourcesOnly) {
  base::MemoryFileSystem fs;
  fs.add_file("/p/.cargo/config.toml",
              "[build]\nrustc = \"/evil\"\nrustc-wrapper = \"/evil\"\n"
              "[env]\nLD_PRELOAD = \"/evil.so\"\n"
              "[source.crates-io]\nreplace-with = \"vendored-sources\"\n"
              "[source.\"git+https://example.com/a?rev=1\"]\ngit = \"https://example.com/a\"\n"
              "rev = \"1\"\nreplace-with = \"vendored-sources\"\nfetch-with = \"/evil\"\n"
              "[source.vendored-sources]\ndirectory = \"vendor\"\n"
              "[source.local]\nlocal-registry = \"/abs/registry\"\nbranch = 3\n"
              "[registries.r]\ncredential-provider = \"/evil\"\n");
  EXPECT_EQ(cargo_source_config(fs, "/p"),
            (Entries{"source.\"crates-io\".replace-with=\"vendored-sources\"",
                     "source.\"git+https://example.com/a?rev=1\".replace-with=\"vendored-sources\"",
                     "source.\"git+https://example.com/a?rev=1\".git=\"https://example.com/a\"",
                     "source.\"git+https://example.com/a?rev=1\".rev=\"1\"",
                     "source.\"local\".local-registry=\"/abs/registry\"",
                     "source.\"vendored-sources\".directory=\"/p/vendor\""}));
}

TEST(ProjectCargoSourceConfig, NearestFileLastAndConfigBeforeConfigToml) {
  base::MemoryFileSystem fs;
  fs.add_file("/ws/.cargo/config.toml", "[source.a]\ndirectory = \"outer\"\n");
  fs.add_file("/ws/crates/app/.cargo/config", "[source.a]\ndirectory = \"../inner\"\n");
  fs.add_file("/ws/crates/app/.cargo/config.toml", "[source.a]\ndirectory = \"ignored\"\n");
  EXPECT_EQ(cargo_source_config(fs, "/ws/crates/app"),
            (Entries{"source.\"a\".directory=\"/ws/outer\"",
                     "source.\"a\".directory=\"/ws/crates/inner\""}));
}

TEST(ProjectCargoSourceConfig, QuotingAndBrokenFiles) {
  base::MemoryFileSystem fs;
  fs.add_file("/q/.cargo/config.toml",
              "[source.'we\"ird\\name']\ndirectory = \"/a \\\"b\\\"\\nc\"\n");
  EXPECT_EQ(cargo_source_config(fs, "/q"),
            (Entries{"source.\"we\\\"ird\\\\name\".directory=\"/a \\\"b\\\"\\nc\""}));
  base::MemoryFileSystem broken;
  broken.add_file("/q/.cargo/config.toml", "[source.a\ndirectory = 1");
  broken.add_file("/q/r/.cargo/config.toml", "source = 5\n");
  EXPECT_EQ(cargo_source_config(broken, "/q/r"), Entries{});
  EXPECT_EQ(cargo_source_config(broken, "/nowhere"), Entries{});
}

}  // namespace
}  // namespace ferret::project
