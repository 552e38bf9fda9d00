Content-Length: 52

{"jsonrpc":"2.0","method":"initialized","params":{}}Content-Length: 656

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "//! The example crate ferret's README completes on.\n\nmod geometry;\n\nuse geometry::{Point, Shape};\n\nfn main() {\n    let origin = Point::new(0.0, 0.0);\n    let shapes = vec![\n        Shape::Circle { center: origin, radius: 1.0 },\n        Shape::Rect { min: origin, max: Point::new(2.0, 3.0) },\n    ];\n    let total: f64 = shapes.iter().map(|s| s.area()).sum();\n    let far = Point::new(3.0, 4.0);\n    println!(\"total area {total:.2}, distance {}\", origin.distance_to(&far));\n}\n"}}}Content-Length: 156

{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":12,"character":45}}}Content-Length: 105

{"jsonrpc":"2.0","id":3,"method":"completionItem/resolve","params":{"label":"area","data":{"r":1,"i":0}}}Content-Length: 155

{"jsonrpc":"2.0","id":4,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":7,"character":26}}}Content-Length: 105

{"jsonrpc":"2.0","id":5,"method":"completionItem/resolve","params":{"label":"area","data":{"r":1,"i":0}}}Content-Length: 44

{"jsonrpc":"2.0","id":6,"method":"shutdown"}Content-Length: 33

{"jsonrpc":"2.0","method":"exit"}