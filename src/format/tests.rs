//! Layout rules of `ard2go fmt` (#14), one test per rule of
//! docs/formatting.md, and the properties the corpus test checks at scale.

use super::{comments, format_source};

fn fmt(src: &str) -> String {
    match format_source(src) {
        Ok(out) => {
            // Every case is also an idempotence check.
            let again = format_source(&out).expect("formatted output parses");
            assert_eq!(again, out, "formatting is not idempotent on:\n{out}");
            assert_eq!(
                comments::texts(&out),
                comments::texts(src),
                "comments changed"
            );
            out
        }
        Err(d) => panic!("does not parse: {d:?}"),
    }
}

#[test]
fn spaces_and_indentation() {
    assert_eq!(
        fmt("fn  add(a:Int,b:Int)Int{\n\t\tlet  c=a+b*2\n  c\n}"),
        "fn add(a: Int, b: Int) Int {\n  let c = a + b * 2\n  c\n}\n"
    );
}
