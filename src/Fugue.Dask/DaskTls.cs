namespace Fugue.Dask;

/// <summary>TLS files for Dask's <c>tls://</c> comms: the CA that signed the peers' certificates, and this side's certificate and key (PEM).</summary>
/// <param name="CaFile">The CA certificate file.</param>
/// <param name="CertFile">The certificate file.</param>
/// <param name="KeyFile">The private key file.</param>
public sealed record DaskTls(string CaFile, string CertFile, string KeyFile);
