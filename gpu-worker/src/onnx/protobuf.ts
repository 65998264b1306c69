// The protobuf wire format, as much of it as ONNX needs: varints, length-delimited fields and
// packed little-endian floats. Written by hand because the worker has no protobuf dependency.

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_BYTES = 2;

const utf8 = new TextEncoder();

/** Appends fields to a growing buffer; `finish()` returns the message's bytes. */
export class ProtoWriter {
  private chunks: number[] = [];

  private varint(value: bigint): void {
    // Negative int64 values are sent as their 64-bit two's complement (ten bytes), as protobuf does.
    let rest = BigInt.asUintN(64, value);
    while (rest >= 0x80n) {
      this.chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
  }

  private tag(field: number, wire: number): void {
    this.varint(BigInt((field << 3) | wire));
  }

  private raw(bytes: Uint8Array): void {
    for (const byte of bytes) this.chunks.push(byte);
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.varint(BigInt(value));
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, true);
    this.raw(new Uint8Array(view.buffer));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_BYTES);
    this.varint(BigInt(value.length));
    this.raw(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** An embedded message. */
  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  packedFloats(field: number, values: ArrayLike<number>): this {
    return this.bytes(field, float32Bytes(values));
  }

  packedInts(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(BigInt(values[i] as number));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** Little-endian float32 bytes, whatever the host's byte order (ONNX raw_data and packed floats are LE). */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return new Uint8Array(view.buffer);
}
