//! Bytes tested eight at a time in a `u64` ("SIMD within a register"): the scans for sentence ends,
//! folding, digits, control characters and characters to escape step over the words that hold
//! none of the bytes they look for.

/// Every byte of the word set to `b`.
#[inline(always)]
pub(crate) const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

const HIGHS: u64 = splat(0x80);

/// The first eight bytes of `bytes`, as a little-endian word.
#[inline(always)]
pub(crate) fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"))
}

/// Non-zero when a byte of `word` is below `n` (at most 0x80). Which bits are set says nothing
/// more than that.
#[inline(always)]
pub(crate) fn has_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(splat(n)) & !word & HIGHS
}

/// Non-zero when a byte of `word` is `b`.
#[inline(always)]
pub(crate) fn has_byte(word: u64, b: u8) -> u64 {
    has_below(word ^ splat(b), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_is_found_at_each_place_and_nothing_else_is() {
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut eight = [0xFF; 8];
                eight[place] = b;
                let w = word(&eight);
                assert!(has_byte(w, b) != 0, "{b:#x} at {place}");
                assert_eq!(has_byte(w, b'y') != 0, b == b'y', "{b:#x} at {place}");
                for n in [1u8, 0x20, 0x30, 0x80] {
                    assert_eq!(has_below(w, n) != 0, b < n, "{b:#x} < {n:#x} at {place}");
                }
            }
        }
    }
}
