//! Reading arbitrary parts in a ZIP as an OpenDocument .odt or an OFD file never panics.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use zip::write::{SimpleFileOptions, ZipWriter};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let forms: [&[(&str, &str)]; 2] = [
        &[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &text),
        ],
        &[
            (
                "OFD.xml",
                "<ofd:OFD><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
            ),
            (
                "Doc_0/Document.xml",
                "<ofd:Document><ofd:Pages><ofd:Page BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>",
            ),
            ("Doc_0/Pages/Page_0/Content.xml", &text),
        ],
    ];
    for parts in forms {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in parts {
            // Stored: the fuzz crate's zip has no compression features.
            let options =
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            zip.start_file(*name, options).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let _ = fazhi_check::extract(&bytes, None);
    }
});
