using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace Timesheets.Identity.Keys;

/// <summary>
/// Seals the secret part of each data-protection key (the cookie and anti-forgery master keys) with the
/// key file, through ASP.NET Core's own extension point: Data Protection calls the encryptor for every
/// element it marks <c>requiresEncryption</c> and names the decryptor in the stored XML.
/// </summary>
internal sealed class DataProtectionKeyEncryptor(KeyProtector protector) : IXmlEncryptor
{
    public const string Context = "data-protection";

    // Data Protection's own XML names (XmlConstants, internal there): the key manager decrypts only
    // elements named encryptedSecret *in this namespace*, so a sealed element without it is read as
    // a descriptor with no masterKey and the key cannot be used.
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var clear = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedElement = new XElement("aesGcm", new XAttribute("keyFile", "Keys:EncryptionKeyFile"), Convert.ToBase64String(protector.Seal(clear, Context)));
        return new EncryptedXmlInfo(sealedElement, typeof(DataProtectionKeyDecryptor));
    }

    /// <summary>
    /// Seals the data-protection keys a version without key encryption stored in clear, the way Data
    /// Protection itself does for new keys (an <c>encryptedSecret</c> element naming the decryptor), so
    /// existing sessions keep working and no clear master key stays in the database.
    /// </summary>
    public static async Task<int> SealClearKeysAsync(IDataProtectionKeyContext db, KeyProtector protector, CancellationToken cancellationToken)
    {
        if (!protector.Enabled)
        {
            return 0;
        }

        var encryptor = new DataProtectionKeyEncryptor(protector);
        var sealedCount = 0;
        foreach (var row in await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync(cancellationToken))
        {
            var xml = XElement.Parse(row.Xml!);
            var secrets = xml.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true").ToList();
            foreach (var secret in secrets)
            {
                var info = encryptor.Encrypt(secret);
                secret.ReplaceWith(new XElement(EncryptedSecret, new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }

            if (secrets.Count > 0)
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                sealedCount++;
            }
        }

        await ((DbContext)db).SaveChangesAsync(cancellationToken);
        return sealedCount;
    }
}

/// <summary>Created by Data Protection from the type named in the stored key (hence the public constructor taking the services).</summary>
internal sealed class DataProtectionKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var protector = services.GetRequiredService<KeyProtector>();
        var clear = protector.Open(Convert.FromBase64String(encryptedElement.Value), DataProtectionKeyEncryptor.Context);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(clear));
    }
}
