Content-Length: 5

{bad}X-Nonsense: yes

Content-Length: -4

Content-Length: 9

[1, 2, 3]Content-Length: 24

{"jsonrpc":"2.0","id":2}Content-Length: 36

{"jsonrpc":"2.0","id":3,"method":42}Content-Length: 58

{"jsonrpc":"2.0","id":{"an":"object"},"method":"shutdown"}Content-Length: 72

{"jsonrpc":"2.0","id":4,"method":"textDocument/noSuchThing","params":{}}Content-Length: 118

{"jsonrpc":"2.0","id":5,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"}}}Content-Length: 157

{"jsonrpc":"2.0","id":6,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":-1,"character":"x"}}}Content-Length: 155

{"jsonrpc":"2.0","id":7,"method":"textDocument/definition","params":{"textDocument":{"uri":"http://example.com/a.rs"},"position":{"line":0,"character":0}}}Content-Length: 150

{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///no/such/file.rs"},"position":{"line":0,"character":0}}}Content-Length: 68

{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":null}Content-Length: 72

{"jsonrpc":"2.0","id":10,"method":"completionItem/resolve","params":[1]}Content-Length: 158

{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///ws/src/unopened.rs","version":3},"contentChanges":[{"text":"x"}]}}Content-Length: 86

{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":42}}}Content-Length: 71

{"jsonrpc":"2.0","method":"textDocument/didChange","params":"nonsense"}Content-Length: 64

{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":[1]}}Content-Length: 86

{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{}}}Content-Length: 54

{"jsonrpc":"2.0","id":"ferret-index-99","result":null}Content-Length: 656

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "//! The example crate ferret's README completes on.\n\nmod geometry;\n\nuse geometry::{Point, Shape};\n\nfn main() {\n    let origin = Point::new(0.0, 0.0);\n    let shapes = vec![\n        Shape::Circle { center: origin, radius: 1.0 },\n        Shape::Rect { min: origin, max: Point::new(2.0, 3.0) },\n    ];\n    let total: f64 = shapes.iter().map(|s| s.area()).sum();\n    let far = Point::new(3.0, 4.0);\n    println!(\"total area {total:.2}, distance {}\", origin.distance_to(&far));\n}\n"}}}Content-Length: 165

{"jsonrpc":"2.0","id":11,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":100000,"character":100000}}}Content-Length: 160

{"jsonrpc":"2.0","id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":14,"character":4294967295}}}Content-Length: 157

{"jsonrpc":"2.0","id":13,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///ws/src/main.rs"},"position":{"line":14,"character":65}}}Content-Length: 45

{"jsonrpc":"2.0","id":14,"method":"shutdown"}Content-Length: 33

{"jsonrpc":"2.0","method":"exit"}