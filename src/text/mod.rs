//! Text primitives every step of the pipeline shares: Chinese characters, heading numbers, searches
//! that resume where the last one ended, and tests of eight bytes at a time.

pub mod lang;
pub mod numbering;
pub(crate) mod swar;

/// Whether `c` is a Chinese character (CJK unified ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{3007}')
}

/// `v.partition_point(pred)` for a `pred` true then false along `v`, looked for from `hint` (a
/// previous answer): a few steps forward when the answer is close after it, then steps doubling in
/// length, and a binary search within the last step; a binary search before `hint`.
pub(crate) fn partition_from<T>(v: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let mut i = hint.min(v.len());
    if i > 0 && !pred(&v[i - 1]) {
        return v[..i].partition_point(pred);
    }
    for _ in 0..4 {
        if i < v.len() && pred(&v[i]) {
            i += 1;
        } else {
            return i;
        }
    }
    // Everything before i is true.
    let mut step = 8;
    while i + step <= v.len() && pred(&v[i + step - 1]) {
        i += step;
        step *= 2;
    }
    let end = (i + step).min(v.len());
    i + v[i..end].partition_point(pred)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn partition_from_any_hint_is_partition_point(
            mut v in proptest::collection::vec(0u8..50, 0..400),
            key in 0u8..60,
            hint in 0usize..450,
        ) {
            v.sort_unstable();
            proptest::prop_assert_eq!(
                partition_from(&v, hint, |&x| x <= key),
                v.partition_point(|&x| x <= key)
            );
        }
    }
}
