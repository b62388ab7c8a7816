using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Timesheets.ServiceDefaults;

/// <summary>
/// The key a client is counted under by rate limits and login blocking: an IPv4 address as is, an
/// IPv6 address by its /64 network. One IPv6 host usually owns a whole /64 (SLAAC, privacy
/// addresses), so keying on the full address would give it 2^64 fresh buckets.
/// </summary>
public static class ClientAddress
{
    public static string Key(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
