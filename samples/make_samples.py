"""Build the sample PDF: a fictional CIW inspection report on Dyffryn Valley CBC.

    python samples/make_samples.py [OUTDIR]      (default: samples/papers/)

Everything here is invented: the council, the people and the figures. The text
lives in REPORT below; edit it there. Core fonts only (Helvetica), so the text
must be latin-1: write "-" for dashes and straight quotes.
"""

import datetime
import sys
from pathlib import Path

from fpdf import FPDF

FILENAME = "ciw-inspection-childrens-services-2025.pdf"
HEADER = "Care Inspectorate Wales - Dyffryn Valley CBC"
TITLE = "Performance evaluation inspection of children's services"
SUBTITLE = [
    "Dyffryn Valley County Borough Council (Cyngor Bro Dyffryn)",
    "Inspection fieldwork: 13 to 24 January 2025",
    "Date of publication: 3 April 2025",
]
INTRO = (
    "This report sets out the findings of a performance evaluation inspection of the "
    "children's services of Dyffryn Valley County Borough Council. Inspectors read 64 case "
    "files, spoke with 41 children, young people and parents, 23 foster carers and 58 staff "
    "and managers, and met partners from health, education and the police. We thank everyone "
    "who gave their time. The local authority is expected to publish an action plan in "
    "response to the areas for improvement in section 7."
)

# (section heading, [paragraphs]); paragraphs are numbered "<section>.<n>" when printed.
REPORT = [
    ("Summary", [
        "Dyffryn Valley County Borough Council's children's services have improved since our "
        "last inspection in 2022. Leaders have a clear understanding of the service's strengths "
        "and weaknesses and elected members take their corporate parenting role seriously. Most "
        "children and families we met told us that their social worker listened to them and "
        "that help had made a difference. Practice is generally safe, and children at risk of "
        "significant harm are identified and protected promptly.",
        "The most serious challenge facing the local authority is the sufficiency of placements "
        "for looked-after children. On 31 December 2024 the local authority looked after 312 "
        "children, an increase of 27 over two years. There are not enough local foster carers "
        "or residential placements to meet children's needs, and too many children live a long "
        "way from their families and schools. Some children have been cared for in settings "
        "operating without registration, which is not acceptable.",
        "The workforce is more stable than at our last inspection. The vacancy rate for social "
        "worker posts fell from 27% in September 2023 to 16% in December 2024, and 21 of the 132 "
        "social worker posts were filled by agency staff at the time of our fieldwork. The "
        "local authority's trainee scheme currently sponsors 12 staff to qualify as social "
        "workers. Average caseloads in the Family Support and Safeguarding teams were 19 "
        "children, which staff told us was manageable.",
        "We have identified five areas for improvement, set out in section 7. The local "
        "authority must give priority to placement sufficiency and to ending the use of "
        "unregistered settings, and must improve pathway planning for care leavers.",
        "Leadership is stable. The Director of Social Services and the Head of Children's "
        "Services have both been in post for more than two years, and staff at every level told "
        "us that senior managers were visible and approachable. Performance information is "
        "reported monthly to the senior management team and quarterly to elected members, and "
        "it is used to challenge practice rather than simply to describe it.",
    ]),
    ("People - voice and choice", [
        "Children's views are sought and recorded in most assessments and plans. In 51 of the 64 "
        "files we read, the child's own words were clearly recorded and had visibly shaped the "
        "plan. Direct work with younger children was creative, and several social workers used "
        "drawings and 'three houses' tools well. Where children's voices were missing, this was "
        "usually in cases that had changed worker more than twice.",
        "The active offer of advocacy is well established. Records showed that 83% of eligible "
        "children had received an active offer of independent professional advocacy, and the "
        "provider reported that uptake had risen during the year. The care-experienced forum, "
        "Dyffryn Voices, meets monthly and its members have interviewed candidates for senior "
        "posts. Young people told us they were proud of this work.",
        "The Welsh language active offer is not consistently recorded. Only 64% of the records we "
        "read noted the child's or family's language preference. Where Welsh was the preferred "
        "language, families did not always receive assessments or meetings in Welsh, and this "
        "depended on whether a Welsh-speaking worker happened to be available in the team.",
        "Complaints are handled well and used to learn. The local authority received 58 "
        "complaints about children's services in 2023-24, and 49 of them were resolved at the "
        "first, informal stage. Managers could describe changes made as a result, including "
        "clearer letters to parents before child protection conferences.",
    ]),
    ("Prevention", [
        "The local authority has invested in early help. Three Family Hubs, at Aberdyffryn, Cwm "
        "Glas and Trefelin, bring together parenting support, youth work, health visiting and "
        "debt advice. The hubs worked with 1,870 families in 2023-24, and 88% of families whose "
        "support ended during the year did not need a referral to statutory services within six "
        "months. Families described the hub staff as approachable and practical.",
        "The front door is effective. The Information, Advice and Assistance team and the "
        "Multi-Agency Safeguarding Hub made a decision on 94% of contacts within 24 hours. "
        "Thresholds were applied consistently in the cases we sampled, and step-down to the "
        "Family Hubs was well managed. Partners told us that they found it easy to get advice "
        "from a qualified social worker.",
        "Edge-of-care support is developing but is not yet available to all who need it. The "
        "Rapid Response Team supported 46 families in crisis during 2024, and 39 of the children "
        "involved remained safely at home. However, the team has five practitioners and operates "
        "only during office hours, so it cannot respond to many of the crises that lead to "
        "children becoming looked after in the evening or at weekends.",
        "Parenting programmes are popular and well evaluated. In 2023-24, 212 parents completed "
        "a group parenting programme delivered through the Family Hubs, and a further 64 "
        "received one-to-one support at home. Waiting times for a programme place were under "
        "six weeks at the time of our fieldwork.",
    ]),
    ("Well-being", [
        "Children at risk of harm are protected. On 31 December 2024 there were 164 children on "
        "the child protection register. Strategy discussions were held promptly and involved the "
        "right agencies, and 96% of statutory child protection visits were completed within "
        "timescales. Child protection plans were mostly specific, although some contained "
        "actions for parents that were not measurable.",
        "The health needs of looked-after children are not always assessed in time. Only 71% of "
        "initial health assessments were completed within the 20 working days expected. "
        "Inspectors found that delays were mostly caused by the availability of paediatric "
        "appointments, and that the local authority and the health board had not yet agreed a "
        "joint plan to address this.",
        "Supervision of staff is regular and valued, but its quality varies. Staff said managers "
        "were visible and supportive. Case records of supervision were often brief, and in 14 of "
        "the files we read they did not show clear management direction when a child's "
        "situation had changed. The quality assurance framework does not yet test the quality "
        "of supervision.",
        "Disabled children and their families receive a caring and skilled service. The Disabled "
        "Children's Team supported 142 children at the end of 2024. However, 23 families were "
        "waiting for a short break service, some for more than six months, and parents told us "
        "the wait had placed a real strain on family life.",
    ]),
    ("Partnerships", [
        "Partnership working at a strategic level is strong. The Regional Safeguarding Board "
        "and the Corporate Parenting Committee receive good information and challenge it. The "
        "police and the local authority share information quickly, and joint work on child "
        "exploitation has led to a new multi-agency panel that reviewed 37 young people in its "
        "first year.",
        "Access to emotional and mental health support remains difficult. Children referred to "
        "specialist child and adolescent mental health services by Dyffryn and Hafren University "
        "Health Board waited a median of 26 weeks for a first appointment. Social workers and "
        "foster carers told us they were often left to manage children's distress without "
        "timely specialist advice.",
        "Schools value the education team for looked-after children. The virtual school "
        "approach, with two dedicated teachers, tracks the attendance and progress of every "
        "looked-after child. Attendance of looked-after children of statutory school age was "
        "91% in the autumn term of 2024.",
        "Housing and children's services have a joint protocol for young people aged 16 and 17 "
        "who become homeless, and joint assessments are completed on the day of presentation. "
        "The local authority has six training flats where care leavers can practise living "
        "independently with support, but demand exceeds supply.",
    ]),
    ("Placements for looked-after children", [
        "Of the 312 children looked after on 31 December 2024, 41% lived with in-house foster "
        "carers, 22% with kinship carers, 19% with foster carers from independent fostering "
        "agencies and 11% in residential care. The remaining children were placed with parents, "
        "in supported accommodation or in other settings. Fourteen children lived in residential "
        "homes outside the county, some more than 80 miles away.",
        "The local authority does not have enough foster carers. It had 68 in-house fostering "
        "households at the end of 2024, a net loss of 9 during the year, mostly through "
        "retirement. Recruitment activity has produced enquiries but few approvals: only 5 new "
        "households were approved in 2024. Foster carers told us that the fees paid by "
        "independent agencies were higher and that support out of hours was inconsistent.",
        "Inspectors found that four children had been cared for in settings operating without "
        "registration during 2024, for periods of up to 11 weeks. In each case senior managers "
        "had authorised the arrangement because no registered placement could be found, and "
        "the children were visited frequently. Nonetheless, this is not acceptable, and the "
        "local authority must continue to work with providers and the regional partnership to "
        "end the practice.",
        "The local authority has begun to increase its own residential provision. Ty Nant, a "
        "four-bed children's home, opened in September 2024 and was registered with Care "
        "Inspectorate Wales before opening. Plans for a second home, Ty Derw, are at an early "
        "stage. The local authority's sufficiency assessment is thorough, but it does not yet "
        "set out how many placements of each type will be needed over the next three years.",
        "Placement stability needs attention. In the year to 31 December 2024, 9% of looked-after "
        "children had three or more placement moves, compared with 7% in the previous year. "
        "Where moves were planned, children were prepared well; where they followed a placement "
        "breakdown, children sometimes moved with less than a day's notice.",
        "Support for care leavers is mixed. There were 96 care leavers aged 16 to 25 receiving "
        "support, and 88% had a personal adviser allocated within the required timescale. 31 "
        "young people were living with former foster carers under When I am Ready arrangements. "
        "However, only 17 of the 30 pathway plans we sampled were up to date, and three care "
        "leavers had been placed in bed and breakfast accommodation in an emergency during 2024.",
        "Education, training and employment outcomes for care leavers are improving slowly. At "
        "the end of 2024, 29% of care leavers aged 19 to 21 were not in education, employment or "
        "training, compared with 34% a year earlier. A paid internship scheme within the council "
        "offered 8 placements in 2024, and 6 of those young people went on to further work.",
        "The fostering service is under pressure. The team had 3 vacant posts out of 14 at the "
        "time of our fieldwork, and supervising social workers were each supporting up to 18 "
        "fostering households. Foster carers valued their supervising social workers but said "
        "that training and support groups were often cancelled.",
    ]),
    ("Areas for improvement", [
        "Placement sufficiency: the local authority must increase the number of local foster "
        "carers and residential places, set clear targets in its sufficiency assessment, and end "
        "the use of settings operating without registration.",
        "Care leavers: the local authority must ensure that every care leaver has an up-to-date "
        "pathway plan, and that no care leaver is placed in bed and breakfast accommodation.",
        "Health assessments: the local authority and the health board must agree a plan to "
        "complete initial health assessments for looked-after children within timescales.",
        "Welsh language: the local authority must record each child's language preference and "
        "provide services in Welsh where this is the child's or family's choice.",
        "Quality of supervision: the local authority must make sure that supervision records show "
        "clear management direction, and that its quality assurance framework tests this.",
        "Next steps: CIW expects the local authority to publish an action plan within three "
        "months of this report and will monitor progress through its regular performance "
        "review meetings with the local authority and the Director of Social Services.",
    ]),
]


class Report(FPDF):
    def header(self):
        self.set_font("Helvetica", "I", 9)
        self.cell(0, 6, HEADER, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def build(outdir: Path) -> Path:
    pdf = Report(format="A4")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_title(TITLE)
    pdf.set_author("Care Inspectorate Wales (fictional sample)")
    pdf.set_creation_date(datetime.datetime(2025, 4, 3, tzinfo=datetime.timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for line in SUBTITLE:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 6, INTRO, new_x="LMARGIN", new_y="NEXT")
    for s, (heading, paragraphs) in enumerate(REPORT, start=1):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, f"{s}. {heading}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for p, text in enumerate(paragraphs, start=1):
            pdf.multi_cell(0, 6, f"{s}.{p}  {text}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / FILENAME
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / "papers"
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
