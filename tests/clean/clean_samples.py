"""Hand-written scraped articles for the clean-stage tests (invented text, realistic junk)."""

AGGREGATOR = """Dockworkers in Rotterdam extend strike over automation plans


Unions say the port operator broke a promise to consult staff before installing driverless cranes at two terminals

Dockworkers at the port of Rotterdam voted on Tuesday to extend their strike for another week, after talks with the terminal operator over automation collapsed.

The FNV union said about 1,800 workers had walked out since Friday. Ships have been diverted to Antwerp and Hamburg, and queues of container trucks stretched for several kilometres on the A15 motorway.

Automation at the terminals
The operator wants to install driverless cranes at two of its terminals by 2026. Union leader Marieke de Vries said the company had promised to consult workers before any such change. “They broke that promise, and our members will not accept it,” she said.

The port authority warned that a longer strike would cost the regional economy tens of millions of euros a week.

Source: Haven Dagblad


Please enter your comment!
Please enter your name here

Share post:

More like this

Record heatwave: swimming pools in Madrid extend opening hours

On Sunday evening the city council decided to keep...

Coach sacked after third defeat in a row – club confirms

The board met late on Monday and announced that the...
"""

AGGREGATOR_BODY_FIRST = "Dockworkers at the port of Rotterdam voted on Tuesday"
AGGREGATOR_BODY_LAST = "would cost the regional economy tens of millions of euros a week."

APPEAL = """Regional governor resigns after audit finds missing funds
The governor of the Tver region resigned on Wednesday, two days after auditors said 40 million roubles earmarked for road repairs could not be accounted for.
In a short statement, the governor said he was stepping down "to allow the investigation to proceed without interference."
Prosecutors have opened a criminal case for embezzlement, according to the regional news agency.
A Message from The Northern Ledger:
Dear readers,
We are facing growing pressure on independent reporting. Our newsroom has been labelled a "foreign agent," which puts our staff at risk.
Your support, no matter how small, helps us keep reporting. Please consider a monthly contribution starting from just $3.
Thank you for standing with us.
Remind me later.
"""

BYLINE_BIO = """Talks on grain corridor resume in Istanbul

Negotiators from both countries met in Istanbul on Thursday to discuss extending the grain corridor for another four months.

Officials said the meeting lasted more than six hours and ended without a joint statement.

“We are close, but there are still open questions on insurance,” one diplomat told reporters after the session.

Grain markets rose slightly on the news, with wheat futures gaining almost two percent.

Jonathan Mirabel


Jonathan Mirrabelle is a reporter covering agriculture and trade for The Harbour Times.
"""

MASTHEAD = """Caspian Daily News

Minister says pipeline talks will resume next month

The energy minister said on Monday that negotiations on the new gas pipeline would resume in March.

The talks were suspended in December after a dispute over transit fees, the ministry said in a statement.

“We expect a final agreement before the summer,” the minister told parliament.

Caspian Daily News

Leave a Reply

Your email address will not be published. Required fields are marked *

Back to top button
"""

NO_TITLE = """The central bank raised its key interest rate by half a percentage point on Thursday, the third increase this year, citing persistent inflation in services.
Governor Ana Lopes said the bank was ready to act again if price pressures did not ease by the autumn.
Analysts had expected a smaller move, and the currency rose against the euro after the announcement.
"""

DATED = """Flood barriers tested ahead of storm season

Published: 14 March 2023

By Ellen Park and Tom Reyes

Engineers tested the city's new flood barriers on Tuesday, closing all six gates within forty minutes for the first time.

The barriers, which cost 310 million dollars, are designed to protect low-lying districts from storm surges of up to four metres.

City officials said the next full test would take place in September, before the peak of the storm season.
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ferry operator suspends night crossings after engine fire | The Coastal Courier</title>
<meta property="og:title" content="Ferry operator suspends night crossings after engine fire">
<meta property="og:site_name" content="The Coastal Courier">
<meta name="author" content="Maria Jensen">
<meta property="article:published_time" content="2023-05-02T09:15:00+00:00">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>Ferry operator suspends night crossings after engine fire</h1>
<p class="byline">By Maria Jensen</p>
<p>The island ferry operator suspended all night crossings on Tuesday after a fire broke out in the engine room of one of its vessels shortly after it left the harbour with 212 passengers on board.</p>
<p>The crew put out the fire within twenty minutes and the ship returned to port under its own power, the coast guard said. Nobody was injured, but several passengers were treated for shock at the terminal.</p>
<p>The company said the suspension would last at least until Friday, while inspectors examine the rest of its fleet. Day crossings will continue on a reduced timetable, with extra sailings at weekends.</p>
<div class="social-embed"><blockquote class="twitter-tweet"><p lang="en">All night sailings are cancelled until further notice. Passengers with bookings will be contacted today.</p>&mdash; Island Ferries (@islandferries) <a href="https://twitter.com/islandferries/status/1">May 2, 2023</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js"></script></div>
<p>Local businesses on the island warned that the suspension would hit the start of the tourist season. “Every evening without a ferry costs us bookings,” said the head of the island's hotel association.</p>
<p>The operator's chief executive said safety came first and apologised to passengers for the disruption, promising refunds for all cancelled journeys within fourteen days.</p>
</article>
<aside class="related"><h3>Related stories</h3>
<ul><li><a href="/a">Council approves new cycle lanes in the old town</a></li>
<li><a href="/b">Local football club signs striker from the mainland</a></li></ul></aside>
<section id="comments"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea><input name="author"><input type="submit" value="Post Comment"></form></section>
</main>
<footer><p>© 2023 The Coastal Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""

THEME_FOOTER = """Hospital workers strike over unpaid overtime

Nurses and porters at the city's two main hospitals stopped work for 24 hours on Monday, saying they had not been paid for overtime since the spring.

Union officials said about 900 staff took part and that emergency wards were kept running with volunteers.

The health department said the payments had been delayed by a software fault and promised to settle them by the end of the month.

TAGS
hospitals
strike
health workers

Previous article
Ferry timetable changes for the winter season
Next article
Local choir wins national award

RELATED ARTICLES
MORE FROM AUTHOR
Teachers call off walkout after pay deal
Bus drivers vote on new contract

LEAVE A REPLY Cancel reply

Please enter your comment!
Please enter your name here
You have entered an incorrect email address!
Please enter your email address here

Save my name, email, and website in this browser for the next time I comment.

Δ

3 hours ago

Views expressed in this article are the opinions of the author and do not necessarily reflect the views of The City Ledger.
"""
