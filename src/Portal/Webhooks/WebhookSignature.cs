using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Webhooks;

/// <summary>
/// <c>X-Portal-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>: HMAC-SHA256 with the endpoint's secret over
/// "<c>t</c>.<c>body</c>" (the raw bytes as sent). The time inside the signature lets a partner refuse an old message
/// replayed to it; docs/webhooks.md shows the check.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Portal-Signature";
    private const string SecretPrefix = "whsec_";

    /// <summary>32 random bytes: what a partner stores to check signatures.</summary>
    public static string NewSecret() => SecretPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, long unixSeconds, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }
}
