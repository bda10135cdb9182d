# make [build]                 release binary (static Swift runtime on Linux)
# make install PREFIX=DIR      binary, schema data, man page, bash/zsh/fish completions (DESTDIR honoured)
# make uninstall PREFIX=DIR    removes what `make install` put there
# make test-install            installs into a fresh temporary PREFIX and lints Templates/ from elsewhere
# make test-integrations       checks the pre-commit hooks and the CI recipes in docs/integrations
PREFIX ?= /usr/local
DESTDIR ?=
SCRATCH ?= .build

.PHONY: all build install uninstall test-install test-integrations

all: build

build:
	Scripts/install --build-only --scratch-path "$(SCRATCH)"

install:
	Scripts/install --prefix "$(PREFIX)" --destdir "$(DESTDIR)" --scratch-path "$(SCRATCH)"

uninstall:
	Scripts/install --uninstall --prefix "$(PREFIX)" --destdir "$(DESTDIR)"

test-install:
	CFNKIT_SCRATCH_PATH="$(SCRATCH)" Scripts/test-install

test-integrations:
	CFNKIT_SCRATCH_PATH="$(SCRATCH)" Scripts/test-integrations
