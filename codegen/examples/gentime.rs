use std::time::Instant;
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("/work/shared/models/fsx/fsx-2018-03-01.json".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .map(|n| n.parse().unwrap())
        .unwrap_or(5);
    let file = smithy_codegen::load_file(std::path::Path::new(&path)).unwrap();
    let opts = smithy_codegen::Options::default();
    let mut times = vec![];
    for _ in 0..rounds {
        let t = Instant::now();
        let plan = smithy_codegen::plan(&file, &opts).unwrap();
        let k = smithy_codegen::emit_crate(&plan).unwrap();
        times.push(t.elapsed());
        std::hint::black_box(k);
    }
    times.sort();
    println!("median {:?} min {:?}", times[times.len() / 2], times[0]);
}
