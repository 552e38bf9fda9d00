//- /main.rs crate:main minicore
struct Person {
    name: String,
    age: u8,
}
fn apply<F: Fn(u8) -> String>(f: F) -> String {
    f(1)
}
fn run<F>(f: F) -> usize
where
    F: FnOnce(&str) -> usize,
{
    f("x")
}
fn each(f: impl FnMut(char, bool)) {}
fn main() {
    let mut people = vec![Person { name: String::new(), age: 1 }];
    let names = people.iter().map(|p| p.name.len());
    people.sort_by_key(|x| x.age);
    let old = people.iter().filter(|q| q.age > 30).count();
    let total = [1, 2].iter().fold(0, |acc, x| acc + x);
    people.retain(|r| r.age > 0);
    let fallback = None.unwrap_or_else(|| 5u8);
    let err = "x".parse::<i32>().map_err(|e| e.clone());
    let chained = Some("1").and_then(|s| s.parse::<i32>().ok());
    let s = apply(|b| b.to_string());
    let n = run(|t| t.len());
    each(|c, flag| {});
    let found = people.iter().find(|f| f.age == 2);
    let pos = people.iter().position(|pp| pp.age == 3);
    let fm = ["1", "x"].iter().filter_map(|t| t.parse::<u8>().ok());
    let sorted = {
        let mut v = vec![3, 1];
        v.sort_by(|l, r| l.cmp(r));
        v
    };
}
