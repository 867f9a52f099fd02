using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portal.Api;

/// <summary>
/// The envelope of every cursor the API hands out (list pages, change feed): version byte, payload, and a 4-byte
/// SHA-256 check of both, in base64url. A mistyped, cut or altered cursor is refused (400) rather than read as another
/// position. Not a secret and not signed: everything a cursor leads to is public.
/// </summary>
internal static class SealedCursor
{
    // Longer than any cursor we give out; bounds the work done on junk input.
    private const int MaxChars = 300;

    public static string Seal(byte version, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[1 + payload.Length + 4];
        bytes[0] = version;
        payload.CopyTo(bytes.AsSpan(1));
        Check(bytes.AsSpan(0, bytes.Length - 4)).CopyTo(bytes.AsSpan(bytes.Length - 4));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The payload of a cursor sealed with <paramref name="version"/>; false for anything else.</summary>
    public static bool TryOpen(string value, byte version, out byte[] payload)
    {
        payload = [];
        if (value.Length is 0 or > MaxChars) return false;
        var bytes = new byte[Base64Url.GetMaxDecodedLength(value.Length)];
        int written;
        try
        {
            // Only the form Seal writes: no padding, no white space, so one position has one cursor.
            if (!Base64Url.TryDecodeFromChars(value, bytes, out written) || written < 5
                || Base64Url.GetEncodedLength(written) != value.Length) return false;
        }
        catch (FormatException) // "Try" only covers a short destination; bad input still throws
        {
            return false;
        }
        var data = bytes.AsSpan(0, written);
        if (data[0] != version || !Check(data[..^4]).SequenceEqual(data[^4..])) return false;
        payload = data[1..^4].ToArray();
        return true;
    }

    private static byte[] Check(ReadOnlySpan<byte> sealedPart) => SHA256.HashData(sealedPart)[..4];
}
