Content-Length: 818

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "languageId": "rust", "version": 1, "text": "// Inside a macro_rules! transcriber the body reads as the code it becomes: `Self::`\n// sees the impl written there and its trait, `S::` the bounds of the generic written\n// there, `$crate::` the crate root.\npub trait Visitor { type Value; fn visit(&self) -> Self::Value; }\npub trait Serializer { type Ok; type Error; }\nmacro_rules! impl_visitor {\n    ($name:ident, $ty:ty) => {\n        pub struct $name;\n        impl Visitor for $name {\n            type Value = $ty;\n            fn visit(&self) -> Self::Value {\n                let s: Self::Va = todo!();\n                s\n            }\n        }\n    };\n}\nimpl_visitor!(U8Visitor, u8);\n"}}}Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 11, "character": 31}}}Content-Length: 170

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 11, "character": 31}}}Content-Length: 165

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 11, "character": 31}}}Content-Length: 173

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/signatureHelp", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 11, "character": 31}}}Content-Length: 255

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///ws/src/main.rs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 11, "character": 31}, "end": {"line": 11, "character": 31}}, "text": "."}]}}Content-Length: 170

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}, "position": {"line": 11, "character": 32}}}Content-Length: 131

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///ws/src/main.rs"}}}