// Entry point of the `ferret` binary: hands argv to the command-line front end.
#include "frontends/cli/cli.h"
#include "frontends/timing.h"

int main(int argc, char** argv) {
  ferret::frontends::PhaseTimer t("total");
  return ferret::cli::run(argc, argv);
}
