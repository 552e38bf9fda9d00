Content-Length: 656

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "//! The example crate ferret's README completes on.\n\nmod geometry;\n\nuse geometry::{Point, Shape};\n\nfn main() {\n    let origin = Point::new(0.0, 0.0);\n    let shapes = vec![\n        Shape::Circle { center: origin, radius: 1.0 },\n        Shape::Rect { min: origin, max: Point::new(2.0, 3.0) },\n    ];\n    let total: f64 = shapes.iter().map(|s| s.area()).sum();\n    let far = Point::new(3.0, 4.0);\n    println!(\"total area {total:.2}, distance {}\", origin.distance_to(&far));\n}\n"}}}Content-Length: 361

{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///ws/src/main.rs","version":2},"contentChanges":[{"range":{"start":{"line":15,"character":0},"end":{"line":15,"character":0}},"text":"    let v: Vec<u8> = Vec::new();\n"},{"range":{"start":{"line":16,"character":0},"end":{"line":16,"character":0}},"text":"    v.ca\n"}]}}Content-Length: 155

{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":16,"character":8}}}Content-Length: 322

{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///ws/src/main.rs","version":3},"contentChanges":[{"range":{"start":{"line":15,"character":8},"end":{"line":15,"character":9}},"text":"w"},{"range":{"start":{"line":16,"character":4},"end":{"line":16,"character":8}},"text":"w.ca"}]}}Content-Length: 150

{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":16,"character":4}}}Content-Length: 237

{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///ws/src/main.rs","version":4},"contentChanges":[{"text":"mod geometry;\nfn main() {\n    let p = geometry::Point::new(1.0, 2.0);\n    p.\n}\n"}]}}Content-Length: 154

{"jsonrpc":"2.0","id":4,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":3,"character":6}}}Content-Length: 108

{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"file:///ws/src/main.rs"}}}Content-Length: 155

{"jsonrpc":"2.0","id":41,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":3,"character":6}}}Content-Length: 109

{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///ws/src/main.rs"}}}Content-Length: 156

{"jsonrpc":"2.0","id":5,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":14,"character":65}}}Content-Length: 62

{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":6}}Content-Length: 156

{"jsonrpc":"2.0","id":6,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":14,"character":65}}}Content-Length: 156

{"jsonrpc":"2.0","id":7,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":14,"character":65}}}Content-Length: 62

{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}Content-Length: 44

{"jsonrpc":"2.0","id":8,"method":"shutdown"}Content-Length: 33

{"jsonrpc":"2.0","method":"exit"}