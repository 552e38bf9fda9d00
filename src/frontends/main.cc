// Entry point of the `ferret` binary: hands argv to the command-line front end.
#include "frontends/cli/cli.h"

int main(int argc, char** argv) { return ferret::cli::run(argc, argv); }
