#!/usr/bin/env bash
# Publishes the CLI as a Native AOT binary and checks that it renders both repository stacks byte for byte like the JIT
# build (YAML and JSON on stdout, and the --out folders). The publish fails on any trimming or AOT warning
# (TreatWarningsAsErrors in Directory.Build.props turns the ILxxxx warnings into errors).
# Needs the native toolchain (apt-get install -y clang zlib1g-dev); without it, prints one line starting with
# '!!! NATIVE CHECK SKIPPED' and exits 0. Ends with 'native: …' on success; exits 1 on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang >/dev/null 2>&1 || ! echo 'int main(void) { return 0; }' | clang -x c - -lz -o /dev/null >/dev/null 2>&1; then
  echo "!!! NATIVE CHECK SKIPPED: clang and zlib1g-dev are not installed (apt-get install -y clang zlib1g-dev); the Native AOT binary was neither built nor compared with the JIT build. !!!"
  exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

dotnet publish infra/NodeAgents.Cli --configuration Release --runtime linux-x64 -p:PublishAot=true --output "$scratch/native" >"$scratch/publish.log" 2>&1 || { cat "$scratch/publish.log"; echo "native: the Native AOT publish failed"; exit 1; }
dotnet build infra/NodeAgents.Cli --configuration Release --output "$scratch/jit" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; echo "native: the JIT build failed"; exit 1; }

native=("$scratch/native/nodeagents")
jit=(dotnet "$scratch/jit/nodeagents.dll")
status=0
compared=0
for stack in $(ls Pulumi.*.yaml | sed -e 's/^Pulumi\.//' -e 's/\.yaml$//'); do
  for format in yaml json; do
    "${native[@]}" render --stack "$stack" -o "$format" --stdout >"$scratch/native.$stack.$format" 2>/dev/null || { echo "native: a render of stack $stack exited $?"; status=1; }
    "${jit[@]}" render --stack "$stack" -o "$format" --stdout >"$scratch/jit.$stack.$format" 2>/dev/null || { echo "native: a render of stack $stack exited $?"; status=1; }
    if ! cmp "$scratch/native.$stack.$format" "$scratch/jit.$stack.$format"; then
      echo "native: render --stack $stack -o $format --stdout differs from the JIT build"
      status=1
    fi
    compared=$((compared + 1))
  done

  "${native[@]}" render --stack "$stack" --out "$scratch/out-native-$stack" >/dev/null 2>&1 || { echo "native: a render of stack $stack exited $?"; status=1; }
  "${jit[@]}" render --stack "$stack" --out "$scratch/out-jit-$stack" >/dev/null 2>&1 || { echo "native: a render of stack $stack exited $?"; status=1; }
  if ! diff -r "$scratch/out-native-$stack" "$scratch/out-jit-$stack"; then
    echo "native: render --stack $stack --out differs from the JIT build"
    status=1
  fi
  compared=$((compared + 1))
done

if [ "$compared" -lt 6 ]; then
  echo "native: expected at least two stacks (Pulumi.*.yaml), compared $compared renders"
  status=1
fi

[ "$status" -eq 0 ] && echo "native: the Native AOT binary ($(du -h "${native[0]}" | cut -f1)) renders every stack byte-identically to the JIT build ($compared renders compared)"
exit "$status"
