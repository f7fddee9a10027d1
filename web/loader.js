// The checker's loader: instantiates the WebAssembly module that scripts/build-page.sh embeds in
// fazhi-wasm.js (as base64 in window.FAZHI_WASM, so that the page also works opened from disk,
// where a browser refuses to fetch() a file) and wraps its C-ABI functions (src/wasm.rs).
// Nothing here touches the network: the file's bytes go into the module's memory and JSON comes out.
(function (global) {
  'use strict';

  function fromBase64(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  class FazhiChecker {
    constructor(exports) {
      this.exports = exports;
      this.encoder = new TextEncoder();
      this.decoder = new TextDecoder('utf-8');
    }

    // Copies bytes into the module's memory: [address, length].
    put(bytes) {
      const ptr = this.exports.fazhi_alloc(bytes.length) >>> 0;
      new Uint8Array(this.exports.memory.buffer, ptr, bytes.length).set(bytes);
      return [ptr, bytes.length];
    }

    // Calls an exported function with byte arrays as (address, length) pairs, frees them, and
    // returns the module's answer (JSON text, parsed).
    call(name, ...inputs) {
      const regions = inputs.map((b) => this.put(typeof b === 'string' ? this.encoder.encode(b) : b));
      try {
        const ptr = this.exports[name](...regions.flat()) >>> 0;
        const len = this.exports.fazhi_output_len() >>> 0;
        // The memory may have grown during the call: take its buffer afresh.
        return JSON.parse(this.decoder.decode(new Uint8Array(this.exports.memory.buffer, ptr, len)));
      } finally {
        for (const [ptr, len] of regions) this.exports.fazhi_free(ptr, len);
      }
    }

    // Checks a file: bytes (Uint8Array), its name (for its form), a rule set (township, county,
    // department, auto or custom). {rules, why, text, report} or {error}.
    check(bytes, fileName, rules) {
      return this.call('fazhi_check', bytes, fileName, rules);
    }

    // Loads a rule set from a .toml file's text as the set "custom". {name, version, areas} or {error}.
    loadRules(source, origin) {
      return this.call('fazhi_load_rules', source, origin);
    }

    // Builds a built-in rule set's checker now (loads the dictionary), so the first check is quick.
    prepare(rules) {
      const [ptr, len] = this.put(this.encoder.encode(rules));
      try {
        return this.exports.fazhi_prepare(ptr, len) !== 0;
      } finally {
        this.exports.fazhi_free(ptr, len);
      }
    }
  }

  // Resolves to a FazhiChecker. Imports the module declares but never calls on the checking path
  // (randomness for writing encrypted archives, pulled in by the ZIP reader) fail loudly if called.
  async function loadFazhi() {
    if (typeof global.FAZHI_WASM !== 'string') throw new Error('fazhi-wasm.js 未载入');
    const module = await WebAssembly.compile(fromBase64(global.FAZHI_WASM));
    const imports = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== 'function') throw new Error('模块需要不支持的导入：' + imp.module + '.' + imp.name);
      (imports[imp.module] = imports[imp.module] || {})[imp.name] = () => {
        throw new Error('检查程序调用了网页中不可用的功能：' + imp.module + '.' + imp.name);
      };
    }
    const instance = await WebAssembly.instantiate(module, imports);
    return new FazhiChecker(instance.exports);
  }

  global.loadFazhi = loadFazhi;
})(window);
