import ReclaimCore
import Testing

/// The tokenizer's word-at-a-time paths against byte-at-a-time references:
/// the string scan (16 bytes in a vector, then 8 in a word, then single
/// bytes), key matching without a byte loop, and member keys matched in
/// place. Inputs put every kind of byte at every position of strings whose
/// lengths straddle the 8- and 16-byte steps, and at the end of the input.
@Suite struct JSONTokenizerFastPathTests {
  /// What the scan stops at, byte by byte.
  static func stops(_ c: UInt8) -> Bool { c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 }

  /// Bytes that exercise each reason to stop, and plain bytes next to them.
  static let probes: [UInt8] = [
    0x00, 0x01, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x9F, 0xA2, 0xC3, 0xDC, 0xFF,
  ]

  @Test func attentionMaskFindsTheFirstByteToStopAt() {
    for position in 0..<8 {
      for probe in 0...255 {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
        bytes[position] = UInt8(probe)
        // A second stop byte above the first must not move the answer.
        if position < 7 { bytes[7] = 0x22 }
        let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let mask = JSONTokenizer.attentionMask(UInt64(littleEndian: w))
        let expected = bytes.firstIndex(where: Self.stops)
        let found = mask == 0 ? nil : mask.trailingZeroBitCount / 8
        #expect(found == expected, "byte \(probe) at \(position)")
        #expect(JSONTokenizer.needsAttention(UInt8(probe)) == Self.stops(UInt8(probe)))
      }
    }
  }

  @Test func attentionMasksFlagExactlyTheBytesToStopAt() {
    for position in 0..<16 {
      for probe in Self.probes {
        var bytes = [UInt8](repeating: UInt8(ascii: "z"), count: 16)
        bytes[position] = probe
        bytes[(position + 5) % 16] = 0x5C
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(as: SIMD16<UInt8>.self) }
        let masks = JSONTokenizer.attentionMasks(v)
        for k in 0..<16 {
          let word = k < 8 ? masks.low : masks.high
          let flagged = (word >> UInt64(8 * (k % 8) + 7)) & 1 == 1
          #expect(flagged == Self.stops(bytes[k]), "byte \(bytes[k]) at \(k)")
        }
      }
    }
  }

  /// The scan of the string that opens at offset 0 of `bytes`, or its error.
  static func scan(_ bytes: [UInt8]) -> Result<JSONRawString, JSONSyntaxError> {
    bytes.withUnsafeBufferPointer { buffer in
      var tokens = JSONTokenizer(buffer)
      do throws(JSONSyntaxError) {
        return .success(try tokens.scanString())
      } catch {
        return .failure(error)
      }
    }
  }

  /// The same scan one byte at a time, with the tokenizer's checks of an
  /// escape and of a UTF-8 sequence: the general path.
  static func referenceScan(_ bytes: [UInt8]) -> Result<JSONRawString, JSONSyntaxError> {
    bytes.withUnsafeBufferPointer { buffer in
      let tokens = JSONTokenizer(buffer)
      var i = 1
      var escaped = false
      do throws(JSONSyntaxError) {
        while true {
          guard i < buffer.count else { throw tokens.endOfInput(" inside a string") }
          let c = buffer[i]
          if !stops(c) {
            i += 1
          } else if c == 0x22 {
            return .success(JSONRawString(start: 1, end: i, escaped: escaped))
          } else if c == 0x5C {
            escaped = true
            i = try tokens.checkEscape(at: i)
          } else if c >= 0x80 {
            i = try tokens.checkUTF8(at: i)
          } else {
            throw JSONSyntaxError(
              offset: i, message: "unescaped control character \(JSONTokenizer.describeByte(c)) in a string")
          }
        }
      } catch {
        return .failure(error)
      }
    }
  }

  static func same(_ a: Result<JSONRawString, JSONSyntaxError>, _ b: Result<JSONRawString, JSONSyntaxError>) -> Bool {
    switch (a, b) {
    case (.success(let x), .success(let y)): x.start == y.start && x.end == y.end && x.escaped == y.escaped
    case (.failure(let x), .failure(let y)): x.offset == y.offset && x.message == y.message
    default: false
    }
  }

  /// Pieces put at each position of a string: escapes, multibyte UTF-8,
  /// malformed bytes, control characters, a quote that ends the string early.
  static let pieces: [[UInt8]] = [
    Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8), Array(#"\ud83d\ude00"#.utf8), Array(#"\q"#.utf8),
    Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0xC3], [0xED, 0xA0, 0x80], [0xFF],
    [0x01], [0x1F], [0x7F], [0x22],
  ]

  @Test func scanAgreesWithTheByteByByteScan() {
    for length in 0...40 {
      let plain = [UInt8]((0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) })
      // Plain, closed and unclosed, with more input after it or none.
      for tail in [[0x22], [0x22, 0x2C, 0x22, 0x78, 0x22], [], [0x78]] as [[UInt8]] {
        let bytes = [0x22] + plain + tail
        #expect(Self.same(Self.scan(bytes), Self.referenceScan(bytes)), "length \(length), tail \(tail)")
      }
      for position in 0...length {
        for piece in Self.pieces {
          for tail in [[0x22], [0x22] + [UInt8](repeating: 0x20, count: 20), []] as [[UInt8]] {
            let bytes = [0x22] + plain[..<position] + piece + plain[position...] + tail
            #expect(
              Self.same(Self.scan(bytes), Self.referenceScan(bytes)),
              "length \(length), piece \(piece) at \(position), tail \(tail.count)")
          }
        }
      }
    }
  }

  @Test func keyMatchingAgreesWithByteComparison() {
    let words: [StaticString] = ["", "a", "id", "uid", "name", "state", "podUid", "imageId", "podName", "createdAt",
      "namespace", "sandboxId", "containers", "repoDigests", "capacityBytes", "availableBytes", "firstDetectedAt",
      "kubeletStartedAt", "abcdefghijklmnopqrstuvwxyz"]
    for word in words {
      let key = Array(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
      var candidates: [[UInt8]] = [key, key + [0x61], Array(key.dropLast()), Array(key.dropFirst())]
      for k in key.indices {
        var changed = key
        changed[k] ^= 0x20
        candidates.append(changed)
      }
      for candidate in candidates {
        // Copied to their own buffer, so that no load may stray past them unseen.
        let same = candidate.withUnsafeBufferPointer { b in
          JSONTokenizer.matches(b.baseAddress ?? word.utf8Start, b.count, word)
        }
        #expect(same == (candidate == key), "\(word) against \(candidate)")
      }
    }
  }

  /// What `memberKey(is:)` says about `text`, and where it leaves `pos`.
  static func fastKey(_ text: String, _ word: StaticString) -> (Bool, Int) {
    Array(text.utf8).withUnsafeBufferPointer { b in
      var tokens = JSONTokenizer(b)
      let found = tokens.memberKey(is: word)
      return (found, tokens.pos)
    }
  }

  /// The general path: `memberKey` scans the key and checks the colon.
  static func generalKey(_ text: String, _ word: StaticString) -> (Bool, Int)? {
    Array(text.utf8).withUnsafeBufferPointer { b in
      var tokens = JSONTokenizer(b)
      tokens.pushPath(.index(0))
      do throws(JSONSyntaxError) {
        let key = try tokens.memberKey()
        return (!key.escaped && tokens.matches(key, word), tokens.pos)
      } catch {
        return nil
      }
    }
  }

  @Test(arguments: [
    #""id":1"#, #"  "id":1"#, #""id" : 1"#, "\"id\"\n\t:1", #""id":"#, #""idx":1"#, #""i":1"#, #""Id":1"#,
    #""i\u0064":1"#, #""id"1"#, #""id""#, #""id"#, #""""#, #"{"id":1}"#, #""namespace":"a""#,
    #""namespaces":[]"#, #""namespac":"a""#, #""createdAt"  :  "x""#,
  ])
  func memberKeyInPlaceAgreesWithTheScannedKey(_ text: String) {
    for word: StaticString in ["id", "namespace", "createdAt"] {
      let (found, pos) = Self.fastKey(text, word)
      let general = Self.generalKey(text, word)
      if found {
        // In place only when the scanned key is the same and the colon follows.
        #expect(general?.0 == true, "\(text) as \(word)")
        #expect(general?.1 == pos, "\(text) as \(word)")
      } else {
        // Otherwise nothing but whitespace is consumed, and the general path
        // finds another key, an escaped spelling, or the syntax error.
        #expect(general?.0 != true || text.contains("\\"), "\(text) as \(word)")
        let leading = text.utf8.prefix { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }.count
        #expect(pos == leading, "\(text) as \(word)")
      }
    }
  }
}
