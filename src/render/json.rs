//! Compact JSON for the crate's records (reports, explanations, errors): byte for byte what
//! `serde_json::to_string` writes, in about half the time on reports.
//!
//! Reports are mostly Chinese text (excerpts, headings, messages) that never needs escaping. Where
//! `serde_json` looks up every byte of a string in its escape table, this writer asks of sixteen
//! bytes at a time (eight, or one, for short strings) whether any is a control character, `"` or
//! `\`, and copies the string whole when none is. Struct field names are copied without a look: the
//! records' field names are snake-case identifiers, which debug builds check; this is the one thing
//! that keeps the writer from serving any `Serialize` value. Numbers are formatted by the crates
//! `serde_json` formats them with (`itoa`, `zmij`). The tests compare the two writers on every kind
//! of value, on arbitrary strings and numbers, and on the reports of every fixture.

use std::fmt::Display;

use serde::ser::{self, Serialize};

use crate::text::swar::{self, has_below, has_byte};

/// `value` as compact JSON, in a string that starts with `capacity` bytes reserved. Its structs'
/// field names must need no escaping (no `"`, `\` or control character), as the crate's do.
pub(crate) fn to_string<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> Result<String, Error> {
    let mut writer = Writer {
        out: String::with_capacity(capacity),
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// Why a value could not be written: a map key that is not a string or a number, or an error that
/// a `Serialize` implementation raised itself.
#[derive(Debug)]
pub(crate) struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: Display>(message: M) -> Self {
        Error(message.to_string())
    }
}

struct Writer {
    out: String,
}

/// Whether any of `bytes` needs escaping in a JSON string: a control character, `"` or `\`. Written
/// so that the compiler compares sixteen bytes at a time.
#[inline(always)]
fn any_to_escape(bytes: &[u8; 16]) -> bool {
    bytes.iter().fold(false, |bad, &b| {
        bad | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// Whether any of the eight bytes of `word` needs escaping in a JSON string.
#[inline(always)]
fn word_to_escape(word: u64) -> bool {
    has_below(word, 0x20) | has_byte(word, b'"') | has_byte(word, b'\\') != 0
}

/// Whether no byte of `s` needs escaping in a JSON string.
#[inline]
fn clean(s: &str) -> bool {
    let bytes = s.as_bytes();
    let word = |at: usize| swar::word(&bytes[at..]);
    match bytes.len() {
        0..8 => !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\'),
        // Two words, overlapping where the string is shorter than sixteen bytes.
        8..=16 => !word_to_escape(word(0)) && !word_to_escape(word(bytes.len() - 8)),
        _ => {
            let mut chunks = bytes.chunks_exact(16);
            for chunk in &mut chunks {
                if any_to_escape(chunk.try_into().expect("chunks of sixteen bytes")) {
                    return false;
                }
            }
            // The last sixteen bytes, overlapping the chunks read already (copying the few left
            // over into a buffer instead would stall the load that reads them back).
            chunks.remainder().is_empty()
                || !any_to_escape(bytes[bytes.len() - 16..].try_into().expect("sixteen bytes"))
        }
    }
}

impl Writer {
    /// `s` as a JSON string, escaped as `serde_json` escapes: `\"`, `\\`, `\b \f \n \r \t`, and
    /// `\u00xx` for the other control characters.
    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        if clean(s) {
            self.out.push_str(s);
        } else {
            let mut from = 0;
            for (i, b) in s.bytes().enumerate() {
                let escape = match b {
                    b'"' => "\\\"",
                    b'\\' => "\\\\",
                    0x08 => "\\b",
                    0x0C => "\\f",
                    b'\n' => "\\n",
                    b'\r' => "\\r",
                    b'\t' => "\\t",
                    0..0x20 => "",
                    _ => continue,
                };
                self.out.push_str(&s[from..i]);
                if escape.is_empty() {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.push_str("\\u00");
                    self.out.push(char::from(HEX[usize::from(b >> 4)]));
                    self.out.push(char::from(HEX[usize::from(b & 0xF)]));
                } else {
                    self.out.push_str(escape);
                }
                from = i + 1;
            }
            self.out.push_str(&s[from..]);
        }
        self.out.push('"');
    }

    fn integer(&mut self, n: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    /// Starts an array or object (`opening`), inside `{"variant":` for an enum variant; `close` will
    /// end it.
    fn open(&mut self, variant: Option<&str>, opening: &str, close: &'static str) -> Compound<'_> {
        if let Some(variant) = variant {
            self.out.push('{');
            self.string(variant);
            self.out.push(':');
        }
        self.out.push_str(opening);
        Compound {
            writer: self,
            first: true,
            close,
        }
    }

    fn integer_ok(&mut self, n: impl itoa::Integer) -> Result<(), Error> {
        self.integer(n);
        Ok(())
    }

    /// A float as `serde_json` writes it: by `zmij`, and `null` where it is not finite.
    fn float(&mut self, x: impl zmij::Float, finite: bool) {
        if finite {
            self.out.push_str(zmij::Buffer::new().format_finite(x));
        } else {
            self.out.push_str("null");
        }
    }

    /// An `f64`, with a short way for whole numbers of a report's size (scores, most figures),
    /// which `zmij` writes as the integer and `.0`.
    fn f64(&mut self, x: f64) {
        if x.fract() == 0.0 && x.abs() < 1e9 && !(x == 0.0 && x.is_sign_negative()) {
            self.integer(x as i64);
            self.out.push_str(".0");
        } else {
            self.float(x, x.is_finite());
        }
    }

    /// A struct's field name and the colon after it, copied without a look: the records this
    /// writer is used for (see [`to_string`]) have snake-case field names. Debug builds, and so the
    /// tests, check that.
    fn key(&mut self, first: &mut bool, key: &'static str) {
        debug_assert!(clean(key), "field name {key:?} needs escaping");
        self.out.reserve(key.len() + 4);
        if !std::mem::take(first) {
            self.out.push(',');
        }
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }
}

/// An array or object being written; `close` ends it (`]`, `}`, or `]}`/`}}` for an enum variant).
struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(',');
        }
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.writer.key(&mut self.first, key);
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.writer.out.push_str(self.close);
        Ok(())
    }
}

/// The `serialize_i8` … `serialize_u128` methods of a serializer, each handing its number to the
/// serializer's method `$via`.
macro_rules! integers {
    ($via:ident) => {
        integers!($via: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64,
            serialize_i128 i128, serialize_u8 u8, serialize_u16 u16, serialize_u32 u32,
            serialize_u64 u64, serialize_u128 u128);
    };
    ($via:ident: $($method:ident $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<(), Error> {
            self.$via(v)
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(integer_ok);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.f64(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(None, "[", "]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open(Some(variant), "[", "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(None, "{", "}"))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open(Some(variant), "{", "}}"))
    }
}

/// The sequence-like compounds, which all write `value,value,…`.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(',');
        }
        key.serialize(KeyWriter(&mut *self.writer))?;
        self.writer.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The struct-like compounds, which write `"field":value,…`.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key: JSON keys are strings, so strings, characters, unit variants, booleans and numbers
/// (quoted, as `serde_json` quotes them) are taken, and anything else is an error.
struct KeyWriter<'a>(&'a mut Writer);

impl KeyWriter<'_> {
    fn quoted(self, n: impl itoa::Integer) -> Result<(), Error> {
        self.0.out.push('"');
        self.0.integer(n);
        self.0.out.push('"');
        Ok(())
    }
}

impl KeyWriter<'_> {
    fn quoted_float(self, v: impl zmij::Float, finite: bool) -> Result<(), Error> {
        if !finite {
            return Err(Error("float key must be finite".to_string()));
        }
        self.0.out.push('"');
        self.0.float(v, true);
        self.0.out.push('"');
        Ok(())
    }
}

fn key_error() -> Error {
    Error("key must be a string".to_string())
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.string(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(quoted);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::to_string;

    fn same<T: Serialize>(value: &T) {
        assert_eq!(
            to_string(value, 0).unwrap(),
            serde_json::to_string(value).unwrap()
        );
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, f64),
        Struct { a: Option<String>, b: Vec<bool> },
    }

    #[derive(Serialize)]
    #[serde(tag = "kind")]
    enum Tagged {
        One { x: f32 },
        Two(Inner),
    }

    #[derive(Serialize)]
    struct Inner {
        n: i64,
    }

    #[derive(Serialize)]
    struct Outer {
        name: &'static str,
        #[serde(flatten)]
        inner: Inner,
        shapes: Vec<Shape>,
        tagged: Vec<Tagged>,
        numbers: BTreeMap<u32, char>,
        optional: BTreeMap<Option<&'static str>, u8>,
        flags: BTreeMap<bool, f32>,
        bytes: serde_bytes_like::Bytes,
        unit: (),
        tuple: (u8, &'static str),
        nan: f64,
    }

    /// A byte slice serialized as bytes (what `serde_bytes` does), without the crate.
    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        same(&Outer {
            name: "名\"称\\",
            inner: Inner { n: -42 },
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-1, 0.1),
                Shape::Struct {
                    a: None,
                    b: vec![true, false],
                },
                Shape::Struct {
                    a: Some("\u{1}\u{7f}\t".into()),
                    b: vec![],
                },
            ],
            tagged: vec![Tagged::One { x: 1.5 }, Tagged::Two(Inner { n: 3 })],
            numbers: [(1, 'a'), (20, '"')].into_iter().collect(),
            optional: [(Some("甲"), 1)].into_iter().collect(),
            flags: [(true, 0.1), (false, f32::INFINITY)].into_iter().collect(),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            unit: (),
            tuple: (1, "二"),
            nan: f64::NAN,
        });
        same(&[
            100.0f64,
            1e300,
            -0.0,
            0.0,
            12.5,
            1.0 / 3.0,
            999_999_999.0,
            1e9,
            -7.0,
            1e15,
        ]);
    }

    #[test]
    fn text_without_control_characters_quotes_or_backslashes_is_clean() {
        assert!(super::clean(
            "镇党委、镇政府把法治政府建设摆在全局工作的重要位置,年初 ~!"
        ));
        assert!(super::clean("法治"));
        let long = "法治政府建设".repeat(3);
        for bad in ["\u{0}", "a\"b", "法治\\", "建设\n", "\u{1f}建设政府"] {
            assert!(!super::clean(&format!("{long}{bad}")), "{bad:?} at the end");
            assert!(
                !super::clean(&format!("{bad}{long}")),
                "{bad:?} at the start"
            );
            assert!(!super::clean(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_key_that_is_not_a_string_is_an_error() {
        let map: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        assert!(to_string(&map, 0).is_err());
        assert!(serde_json::to_string(&map).is_err());
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in "\\PC*|[\\x00-\\x7f]*") {
            prop_assert_eq!(to_string(&s, 0).unwrap(), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn whole_numbers_are_written_as_serde_json_writes_them(n in -2_000_000_000i64..2_000_000_000, scale in 0u32..4) {
            let x = n as f64 / 10f64.powi(scale as i32);
            prop_assert_eq!(to_string(&x, 0).unwrap(), serde_json::to_string(&x).unwrap());
            let whole = n as f64;
            prop_assert_eq!(to_string(&whole, 0).unwrap(), serde_json::to_string(&whole).unwrap());
        }

        #[test]
        fn any_number_is_written_as_serde_json_writes_it(i: i64, u: u64, f: f64, g: f32) {
            let value = (i, u, f, g);
            prop_assert_eq!(to_string(&value, 0).unwrap(), serde_json::to_string(&value).unwrap());
        }
    }
}
