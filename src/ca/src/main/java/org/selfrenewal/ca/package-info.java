/**
 * The certificate authority core of the self-renewal server: no HTTP, no database, no card access.
 *
 * <p>{@link org.selfrenewal.ca.DevelopmentHierarchy} creates (first start) or loads (later starts) a
 * root CA and one issuing CA per {@link org.selfrenewal.protocol.CredentialPurpose}, giving a
 * {@link org.selfrenewal.ca.CaHierarchy}. Certificates are issued from an
 * {@link org.selfrenewal.ca.IssueRequest} under the fixed {@link org.selfrenewal.ca.CertificateProfile}
 * of the purpose:
 *
 * <pre>{@code
 * CaHierarchy ca = DevelopmentHierarchy.loadOrCreate(dataDirectory.resolve("ca"));
 * X509Certificate renewed = ca.issuerFor(AUTHENTICATION).issue(IssueRequest.forPurpose(AUTHENTICATION)
 *         .copySubjectAndAltNamesFrom(oldCertificate)
 *         .publicKey(csr.getSubjectPublicKeyInfo()));
 * }</pre>
 */
package org.selfrenewal.ca;
