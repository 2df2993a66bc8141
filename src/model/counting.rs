//! How numbers read in text: a count with its noun ("1 session",
//! "2 sessions") and a share as a rounded percentage ("2 of 3" is 67 %).

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

#[cfg(test)]
mod tests {
    use super::*;

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
