//! Reads a QR code the app draws back to text, as a phone's camera reads it
//! off the screen: from its SVG path (rasterised here) or from a screenshot
//! of it (a PNG), decoded by `rqrr`.

use tandem::export::qr::QUIET_ZONE;

/// The text of the one code in a prepared image (a macro: `rqrr` does not
/// export the image trait a function would name).
macro_rules! decode {
    ($image:expr) => {{
        let grids = $image.detect_grids();
        match grids.as_slice() {
            [grid] => grid.decode().map(|(_, text)| text).map_err(|e| e.to_string()),
            _ => Err(format!("{} codes found", grids.len())),
        }
    }};
}

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
    decode!(image)
}

/// The text in the one QR code of a screenshot (PNG bytes).
pub fn read_png(bytes: &[u8]) -> Result<String, String> {
    let mut decoder = png::Decoder::new(bytes);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
    let channels = frame.color_type.samples();
    let (width, height) = (frame.width as usize, frame.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let p = &pixels[(y * width + x) * channels..];
        // Luma of the first three channels (grey images have one).
        let rgb = if channels >= 3 { [p[0], p[1], p[2]] } else { [p[0]; 3] };
        ((rgb[0] as u32 * 299 + rgb[1] as u32 * 587 + rgb[2] as u32 * 114) / 1000) as u8
    });
    decode!(image)
}

/// `M{x} {y}h{n}v1h-{n}` → (x, y, n).
fn parse_run(run: &str) -> Option<(usize, usize, usize)> {
    let (xy, tail) = run.strip_prefix('M')?.split_once('h')?;
    let (x, y) = xy.split_once(' ')?;
    let n = tail.split_once('v')?.0;
    Some((x.parse().ok()?, y.parse().ok()?, n.parse().ok()?))
}
