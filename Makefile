# The two set-up commands (see README.md): `make run` and `make test`.
.PHONY: run test build bench deps clean

run:
	bash build/run.sh $(ARGS)

test:
	bash build/test.sh

build:
	bash build/install-deps.sh
	dotnet build Hemi.Orleans.sln -c Release

bench:
	HEMI_NEED_SECP_DEV=1 bash build/install-deps.sh
	dotnet run -c Release --project tests/Hemi.Benchmarks -- $(ARGS)

deps:
	bash build/install-deps.sh

clean:
	rm -rf artifacts
