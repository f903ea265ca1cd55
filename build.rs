//! Lists the vector files of `tests/vectors/` for the test runners (which embed them: the
//! wasm test binaries have no filesystem). The published crate has no vectors and gets an
//! empty list.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=tests/vectors");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for path in files {
        let (Some(stem), Some(full)) = (path.file_stem().and_then(|s| s.to_str()), path.to_str())
        else {
            continue;
        };
        let _ = writeln!(out, "    ({stem:?}, include_str!({full:?})),");
    }
    out.push(']');
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("vector_files.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=could not write {}: {e}", target.display());
    }
}
