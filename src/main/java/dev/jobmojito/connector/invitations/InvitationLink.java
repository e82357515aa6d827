package dev.jobmojito.connector.invitations;

/**
 * The interview link JobMojito gave for one invitation ({@code interview_url} of the register-users row, api doc
 * §4): a one-time bearer link, so {@link #toString()} leaves it out; it is never logged.
 *
 * @param application the application invited
 * @param interviewId the interview it was invited to
 * @param link        the candidate's interview link
 */
public record InvitationLink(Application application, String interviewId, String link) {

    @Override
    public String toString() {
        return "InvitationLink[" + application.externalId() + ", interview " + interviewId + "]";
    }
}
