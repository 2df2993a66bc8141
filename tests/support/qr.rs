//! Reads a QR code the app draws (its SVG path) back to text, as a phone's
//! camera reads it off the screen: rasterised, then decoded by `rqrr`.

use tandem::export::qr::QUIET_ZONE;

/// The text in the code of `size` modules a side whose dark modules `path`
/// draws (`M{x} {y}h{n}v1h-{n}z` runs), or why it cannot be read.
pub fn read(size: usize, path: &str) -> Result<String, String> {
    let scale = 4;
    let side = (size + 2 * QUIET_ZONE) * scale;
    let mut dark = vec![false; side * side];
    for run in path.split('z').filter(|r| !r.is_empty()) {
        let (x, y, n) = parse_run(run).ok_or_else(|| format!("not a run: {run}"))?;
        if x + n > size || y >= size {
            return Err(format!("outside the code: {run}"));
        }
        for mx in x..x + n {
            for py in 0..scale {
                let row = ((y + QUIET_ZONE) * scale + py) * side;
                let col = (mx + QUIET_ZONE) * scale;
                dark[row + col..row + col + scale].fill(true);
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(side, side, |x, y| dark[y * side + x]);
    let grids = image.detect_grids();
    let [grid] = grids.as_slice() else {
        return Err(format!("{} codes found", grids.len()));
    };
    grid.decode().map(|(_, text)| text).map_err(|e| e.to_string())
}

/// `M{x} {y}h{n}v1h-{n}` → (x, y, n).
fn parse_run(run: &str) -> Option<(usize, usize, usize)> {
    let (xy, tail) = run.strip_prefix('M')?.split_once('h')?;
    let (x, y) = xy.split_once(' ')?;
    let n = tail.split_once('v')?.0;
    Some((x.parse().ok()?, y.parse().ok()?, n.parse().ok()?))
}
