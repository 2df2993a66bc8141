//! How numbers read in text: a count with its noun ("1 session",
//! "2 sessions"), a share as a rounded percentage ("2 of 3" is 67 %), and a
//! ratio to one decimal ("12 / 5" is "2.4").

/// `n` and the noun, singular for one and plural otherwise: "1 goal",
/// "0 goals", "3 goals". For nouns that take an `s`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `part` of `whole` as a whole percentage, rounded half up (2 of 3 is 67);
/// 0 when `whole` is 0.
pub fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 0;
    }
    let rounded = (part as u128 * 200 / whole as u128).div_ceil(2);
    u32::try_from(rounded).unwrap_or(u32::MAX)
}

/// `num / den` to one decimal, exactly as `format!("{:.1}", x)` writes the
/// float `x` when `x` is that ratio (rounded half to even, as Rust does), but
/// in integers: formatting floats would bring Rust's float printing (~13 KiB)
/// into the wasm for two messages. "0.0" when `den` is 0.
pub fn one_decimal(num: u64, den: u64) -> String {
    if den == 0 {
        return "0.0".into();
    }
    let (num, den) = (num as u128 * 10, den as u128);
    let (mut tenths, rest) = (num / den, num % den);
    if rest * 2 > den || (rest * 2 == den && tenths % 2 == 1) {
        tenths += 1;
    }
    // Written as u64s: printing a u128 would bring its own formatting code.
    let whole = u64::try_from(tenths / 10).unwrap_or(u64::MAX);
    format!("{whole}.{}", (tenths % 10) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_writes_what_float_formatting_writes() {
        // A check-in's average: five ratings of 1 to 5 (any u8 sum, to be sure).
        for sum in 0..=255u64 * 5 {
            assert_eq!(one_decimal(sum, 5), format!("{:.1}", sum as f32 / 5.0), "{sum} / 5");
        }
        for len in 1..=16u64 {
            for sum in 0..=5 * len {
                let float = format!("{:.1}", sum as f32 / len as f32);
                assert_eq!(one_decimal(sum, len), float, "{sum} / {len}");
            }
        }
        // A file's size in MiB (a division by 2^20, exact in f64), ties included.
        for bytes in (0..64u64 << 20).step_by(13_107).chain([52_428, 157_286, 104_857_600]) {
            let float = format!("{:.1}", bytes as f64 / 1_048_576.0);
            assert_eq!(one_decimal(bytes, 1_048_576), float, "{bytes} bytes");
        }
        assert_eq!(one_decimal(1, 4), "0.2");
        assert_eq!(one_decimal(3, 4), "0.8");
        assert_eq!(one_decimal(7, 0), "0.0");
    }

    #[test]
    fn one_is_singular_every_other_number_plural() {
        assert_eq!(count(0, "mentorship"), "0 mentorships");
        assert_eq!(count(1, "mentorship"), "1 mentorship");
        assert_eq!(count(2, "action item"), "2 action items");
    }

    #[test]
    fn percentages_round_half_up_and_survive_zero() {
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(1, 2), 50);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 5), 100);
        assert_eq!(percent(usize::MAX, usize::MAX), 100);
    }
}
